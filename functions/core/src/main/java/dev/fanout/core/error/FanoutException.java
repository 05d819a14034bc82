package dev.fanout.core.error;

/**
 * Base of every exception fanout throws on purpose. Two families: {@link RetryableException} (try again
 * later) and {@link PermanentException} (the same input will fail again). The concrete class names are part
 * of the state machine contract: Lambda reports an uncaught exception to Step Functions with its class name
 * as the error, and the ASL's {@code ErrorEquals} lists them (guarded by a test).
 */
public abstract sealed class FanoutException extends RuntimeException
        permits RetryableException, PermanentException {

    protected FanoutException(String message) {
        super(message);
    }

    protected FanoutException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error name Step Functions sees: the fully qualified class name, as the Java Lambda runtime reports it. */
    public String errorName() {
        return getClass().getName();
    }
}
