package dev.fanout.deployment;

/**
 * The five functions of the pipeline, all from the one shaded jar of {@code functions/lambda}. Their memory and
 * timeout are in {@link Deployment#function}: the worker's come from the {@link DeploymentSettings}.
 *
 * <pre>{@code
 * String handler = PipelineFunction.WORKER.handler();   // "dev.fanout.lambda.WorkerHandler::handleRequest"
 * }</pre>
 */
public enum PipelineFunction {
    SPLITTER("Splitter", "SplitterHandler", false,
            "Plans a job's chunks and writes the chunk manifest"),
    WORKER("Worker", "WorkerHandler", false,
            "Processes chunks from the work queue and answers the Map children's task tokens"),
    REDUCER("Reducer", "ReducerHandler", false,
            "Combines a job's partial results into the result and summary, or reports its failure"),
    API("Api", "ApiHandler", true,
            "POST /jobs and GET /jobs/{jobId}"),
    S3_TRIGGER("S3Trigger", "S3TriggerHandler", true,
            "Starts a job for each upload under incoming/<jobType>/");

    /** Package of the handler classes in the function jar. */
    public static final String HANDLER_PACKAGE = "dev.fanout.lambda";

    private final String id;
    private final String handlerClass;
    private final boolean startsExecutions;
    private final String description;

    PipelineFunction(String id, String handlerClass, boolean startsExecutions, String description) {
        this.id = id;
        this.handlerClass = handlerClass;
        this.startsExecutions = startsExecutions;
        this.description = description;
    }

    /** PascalCase id: the CDK construct id, and (lower-cased) the name suffix where a deployment names functions. */
    public String id() {
        return id;
    }

    /** Simple name of the handler class, e.g. {@code WorkerHandler}. */
    public String handlerClass() {
        return handlerClass;
    }

    /** The Lambda handler string: {@code dev.fanout.lambda.<Class>::handleRequest}. */
    public String handler() {
        return HANDLER_PACKAGE + "." + handlerClass + "::handleRequest";
    }

    /** The API and the upload trigger start executions, so only they are told the state machine's ARN. */
    public boolean startsExecutions() {
        return startsExecutions;
    }

    public String description() {
        return description;
    }
}
