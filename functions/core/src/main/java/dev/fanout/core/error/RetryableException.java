package dev.fanout.core.error;

/** A failure that may go away on its own: throttling, a timeout, a service hiccup. */
public abstract non-sealed class RetryableException extends FanoutException {
    protected RetryableException(String message) {
        super(message);
    }

    protected RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
