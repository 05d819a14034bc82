package dev.fanout.core.error;

/**
 * A failure that will happen again with the same input: bad request, bad data, missing object. The pipeline does not
 * retry it: a chunk that throws one fails at once.
 *
 * <pre>{@code
 * if (e instanceof PermanentException) { failTheChunk(e); }
 * }</pre>
 */
public abstract non-sealed class PermanentException extends FanoutException {
    /**
     * An exception with a message.
     *
     * @param message what failed; never a record's contents or a secret
     */
    protected PermanentException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what failed; never a record's contents or a secret
     * @param cause   the underlying failure
     */
    protected PermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
