package dev.fanout.core.error;

/**
 * Base of every exception fanout throws on purpose. Two families: {@link RetryableException} (try again
 * later) and {@link PermanentException} (the same input will fail again). The concrete class names are part
 * of the state machine contract: Lambda reports an uncaught exception to Step Functions with its class name
 * as the error, and the ASL's {@code ErrorEquals} lists them (guarded by a test).
 *
 * <pre>{@code
 * } catch (FanoutException e) {
 *     log.warn("{} failed: {}", e.errorName(), e.getMessage());   // e.g. dev.fanout.core.error.InputNotFoundException
 * }
 * }</pre>
 */
public abstract sealed class FanoutException extends RuntimeException
        permits RetryableException, PermanentException {

    /**
     * An exception with a message.
     *
     * @param message what failed; never a record's contents or a secret
     */
    protected FanoutException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what failed; never a record's contents or a secret
     * @param cause   the underlying failure
     */
    protected FanoutException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The error name Step Functions sees: the fully qualified class name, as the Java Lambda runtime reports it.
     *
     * @return the class's name
     */
    public String errorName() {
        return getClass().getName();
    }
}
