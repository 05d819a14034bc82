package dev.fanout.core.error;

/** A storage or service call failed in a way worth retrying (throttling, 5xx, timeout). */
public final class StorageUnavailableException extends RetryableException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
