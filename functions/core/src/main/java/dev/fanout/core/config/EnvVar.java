package dev.fanout.core.config;

/**
 * Environment variables the Lambda functions read. What each function is given is defined once, in
 * {@code dev.fanout.deployment.Deployment#environment} (module {@code fanout-deployment}); the CDK stack, the local
 * runtime and the LocalStack deployment all set that map, so one enum keeps every side in step.
 */
public enum EnvVar {
    /** Bucket users upload inputs to; API input URIs must lie in it. */
    INPUT_BUCKET,
    /** Bucket for manifests and partial results (lifecycle-expired). */
    WORK_BUCKET,
    /** Bucket for final results and summaries. */
    RESULTS_BUCKET,
    /** URL of the SQS work queue the Map children send chunks to. */
    WORK_QUEUE_URL,
    /** ARN of the pipeline state machine (API and S3 trigger start executions of it). */
    STATE_MACHINE_ARN,
    /** Upper bound for the Map's MaxConcurrency: ESM MaximumConcurrency × batch size. */
    MAX_CONCURRENCY,
    /** HeartbeatSeconds of the wait-for-task-token state; workers heartbeat well within it. */
    HEARTBEAT_SECONDS,
    /** How often a worker beats while it runs a chunk, in milliseconds: a third of HeartbeatSeconds. */
    HEARTBEAT_INTERVAL_MILLIS,
    /** First step of a worker's retry backoff after a transient failure, in milliseconds. */
    RETRY_BACKOFF_BASE_MILLIS,
    /** Longest retry backoff of a worker, in milliseconds; well under HeartbeatSeconds. */
    RETRY_BACKOFF_CAP_MILLIS,
    /** URL of the work queue's dead-letter queue: the worker moves a chunk that can never succeed there. */
    DEAD_LETTER_QUEUE_URL,
    /** Default chunk size for text inputs, in bytes. */
    DEFAULT_CHUNK_SIZE_BYTES,
    /** Default chunk size for JSON array inputs, in items. */
    DEFAULT_CHUNK_SIZE_ITEMS,
    /** The work queue's redrive maxReceiveCount: on that receive a failing chunk is reported as failed. */
    MAX_RECEIVE_COUNT,
    /** How many partials the reducer reads at once. */
    REDUCER_READ_CONCURRENCY,
    /**
     * Most partials one reducer invocation merges: a job of more chunks gets a combine level (groups of at most this
     * many partials, each merged by a combine task) before its final reduce.
     */
    REDUCER_MAX_PARTIALS,
    /** Memory of the worker function in MB, for the cost estimate in summary.json. */
    WORKER_MEMORY_MB,
    /** Memory of the splitter function in MB, for the cost estimate in summary.json. */
    SPLITTER_MEMORY_MB,
    /** Memory of the reducer function in MB, for the cost estimate in summary.json. */
    REDUCER_MEMORY_MB,
    /** Powertools' service name: the {@code service} field of every log line (read by Powertools, not by us). */
    POWERTOOLS_SERVICE_NAME,
    /** "true" to address S3 path-style (local S3 servers). */
    S3_FORCE_PATH_STYLE,
    /** Endpoint overrides; unset on AWS. The SDK's own names, so LocalStack's injected values work too. */
    AWS_ENDPOINT_URL,
    AWS_ENDPOINT_URL_S3,
    AWS_ENDPOINT_URL_SQS,
    AWS_ENDPOINT_URL_SFN,
    AWS_REGION,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY;
}
