package dev.fanout.local.runtime;

/** Names of the local stack's resources (the CDK lets CloudFormation name them; locally they are fixed). */
public final class ResourceNames {
    public static final String INPUT_BUCKET = "fanout-input";
    public static final String WORK_BUCKET = "fanout-work";
    public static final String RESULTS_BUCKET = "fanout-results";
    public static final String WORK_QUEUE = "fanout-work";
    public static final String DEAD_LETTER_QUEUE = "fanout-work-dlq";
    public static final String STATE_MACHINE = "fanout-pipeline";
    public static final String SPLITTER_FUNCTION = "fanout-splitter";
    public static final String WORKER_FUNCTION = "fanout-worker";
    public static final String REDUCER_FUNCTION = "fanout-reducer";
    public static final String API_FUNCTION = "fanout-api";
    public static final String TRIGGER_FUNCTION = "fanout-upload-trigger";
    /** Prefix of the input bucket whose uploads start jobs: {@code incoming/<jobType>/<name>}. */
    public static final String INCOMING_PREFIX = "incoming/";

    private ResourceNames() {
    }
}
