package dev.fanout.core.job;

/**
 * The job types cannot be loaded: a class named in a {@code META-INF/services/dev.fanout.core.job.Job} file is
 * missing, is not a {@link Job}, cannot be instantiated (no public no-arg constructor, or its constructor throws), or
 * two classes claim one job name. The message names the class (or both classes) and the cause. It is a deployment
 * mistake, not a failure of any one job: the functions fail to start with it.
 *
 * <pre>{@code
 * try {
 *     JobRegistry.load(loader);
 * } catch (JobLoadingException e) {
 *     System.err.println("cannot load the job types: " + e.getMessage());
 * }
 * }</pre>
 */
public final class JobLoadingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * A loading failure.
     *
     * @param message what failed, naming the class
     */
    public JobLoadingException(String message) {
        super(message);
    }

    /**
     * A loading failure with its cause.
     *
     * @param message what failed, naming the class and the cause
     * @param cause   the error the class loader or the constructor threw
     */
    public JobLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
