package dev.fanout.core.error;

/** A storage or service call failed in a way worth retrying (throttling, 5xx, timeout). */
public final class StorageUnavailableException extends RetryableException {
    /**
     * The exception.
     *
     * @param message which call failed
     * @param cause   the client's exception
     */
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
