package dev.fanout.infra;

/** The five functions of the pipeline, all from the one shaded jar, with their handler class and default size. */
public enum PipelineFunction {
    SPLITTER("Splitter", "SplitterHandler", 1024, 300,
            "Plans a job's chunks and writes the chunk manifest"),
    WORKER("Worker", "WorkerHandler", 2048, 300,
            "Processes chunks from the work queue and answers the Map children's task tokens"),
    REDUCER("Reducer", "ReducerHandler", 2048, 900,
            "Combines a job's partial results into the result and summary, or reports its failure"),
    API("Api", "ApiHandler", 1024, 29,
            "POST /jobs and GET /jobs/{jobId}"),
    S3_TRIGGER("S3Trigger", "S3TriggerHandler", 1024, 60,
            "Starts a job for each upload under incoming/<jobType>/");

    private final String id;
    private final String handlerClass;
    private final int memoryMb;
    private final int timeoutSeconds;
    private final String description;

    PipelineFunction(String id, String handlerClass, int memoryMb, int timeoutSeconds, String description) {
        this.id = id;
        this.handlerClass = handlerClass;
        this.memoryMb = memoryMb;
        this.timeoutSeconds = timeoutSeconds;
        this.description = description;
    }

    /** Construct id. */
    public String id() {
        return id;
    }

    /** Lambda handler string. */
    public String handler() {
        return "dev.fanout.lambda." + handlerClass + "::handleRequest";
    }

    /** Memory in MB; the worker's comes from {@link PipelineSizing}. */
    public int memoryMb(PipelineSizing sizing) {
        return this == WORKER ? sizing.workerMemoryMb() : memoryMb;
    }

    /** Timeout in seconds; the worker's comes from {@link PipelineSizing}. API Gateway waits at most 29 s. */
    public int timeoutSeconds(PipelineSizing sizing) {
        return this == WORKER ? sizing.workerTimeoutSeconds() : timeoutSeconds;
    }

    public String description() {
        return description;
    }
}
