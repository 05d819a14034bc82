package dev.fanout.core.error;

/** A failure that will happen again with the same input: bad request, bad data, missing object. */
public abstract non-sealed class PermanentException extends FanoutException {
    protected PermanentException(String message) {
        super(message);
    }

    protected PermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
