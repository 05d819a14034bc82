package dev.fanout.core.error;

/**
 * A failure that may go away on its own: throttling, a timeout, a service hiccup. The pipeline retries it (the
 * message is redelivered, the state retried with backoff).
 *
 * <pre>{@code
 * if (e instanceof RetryableException) { tryAgainLater(e); }
 * }</pre>
 */
public abstract non-sealed class RetryableException extends FanoutException {
    /**
     * An exception with a message.
     *
     * @param message what failed; never a record's contents or a secret
     */
    protected RetryableException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what failed; never a record's contents or a secret
     * @param cause   the underlying failure
     */
    protected RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
