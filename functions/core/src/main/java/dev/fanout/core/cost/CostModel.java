package dev.fanout.core.cost;

import java.util.Objects;

/**
 * An estimate of what a job costs on AWS, from list prices in us-east-1 (2026, on-demand, no free tier).
 * It counts requests the pipeline makes by design; it is an estimate for comparing job shapes, not a bill.
 *
 * <p>Per job: about {@value #PARENT_TRANSITIONS} state transitions in the parent execution plus
 * {@value #TRANSITIONS_PER_CHUNK} per chunk (each Map item is a STANDARD child execution with one task
 * state); one Lambda request each for splitter and reducer plus one worker request per message delivery
 * (batches of one, the upper bound); {@value #SQS_REQUESTS_PER_DELIVERY} SQS requests per delivery (send,
 * receive, delete); S3: per chunk {@value #S3_GETS_PER_CHUNK} GETs (worker ranged read and its line tail,
 * reducer read) and one PUT (partial), per job a HEAD, a manifest PUT and GET, result and summary PUTs and
 * the reducer's LISTs (1,000 keys a page). Compute is priced at each function's deployed memory
 * ({@link FunctionMemory}). A job with a combine level adds, per combine task (a reducer invocation), one Lambda
 * request, its compute at the reducer's memory, {@value #TRANSITIONS_PER_COMBINE_TASK} state transitions, one PUT
 * (the combined partial) and one GET (the final reduce reads it), and {@value #COMBINE_LEVEL_TRANSITIONS}
 * transitions for the level itself; its chunk partials are read once, by the combine tasks, instead of by the
 * final reduce.
 *
 * <pre>{@code
 * CostModel.Estimate e = CostModel.estimate(CostModel.usage(new CostModel.JobFacts(10_000, 10_000,
 *         3_000_000, 2_000, 20_000, new FunctionMemory(1024, 2048, 2048))));   // e.totalUsd() ≈ 0.66
 * }</pre>
 */
public final class CostModel {
    /** Step Functions Standard: $0.025 per 1,000 state transitions. */
    public static final double USD_PER_STATE_TRANSITION = 0.025 / 1_000;
    /** Lambda on arm64: $0.0000133334 per GB-second. */
    public static final double USD_PER_LAMBDA_GB_SECOND = 0.0000133334;
    /** Lambda: $0.20 per million requests. */
    public static final double USD_PER_LAMBDA_REQUEST = 0.20 / 1_000_000;
    /** SQS standard queue: $0.40 per million requests (64 KiB each). */
    public static final double USD_PER_SQS_REQUEST = 0.40 / 1_000_000;
    /** S3 Standard: $0.0004 per 1,000 GET (and HEAD) requests. */
    public static final double USD_PER_S3_GET = 0.0004 / 1_000;
    /** S3 Standard: $0.005 per 1,000 PUT, COPY, POST and LIST requests. */
    public static final double USD_PER_S3_PUT_OR_LIST = 0.005 / 1_000;

    /** Split, the Map, the choice of the reduce path, reduce, succeed and the execution's start. */
    public static final int PARENT_TRANSITIONS = 7;
    /** The combine level's own states: the list of groups and its Map. */
    public static final int COMBINE_LEVEL_TRANSITIONS = 2;
    /** A combine iteration: its task state entered and left. */
    public static final int TRANSITIONS_PER_COMBINE_TASK = 2;
    public static final int TRANSITIONS_PER_CHUNK = 2;
    public static final int SQS_REQUESTS_PER_DELIVERY = 3;
    public static final int S3_GETS_PER_CHUNK = 3;
    private static final int LIST_PAGE = 1_000;

    private CostModel() {
    }

    /**
     * What the estimate is computed from.
     *
     * @param deliveries   work messages delivered to workers (≥ chunks when messages were retried)
     * @param workerMillis summed worker processing time
     * @param memory       the functions' deployed memory
     * @param combineTasks  combine tasks of the job's combine level (0 without one)
     * @param combineMillis their summed run time
     */
    public record JobFacts(int chunks, long deliveries, long workerMillis, long splitMillis, long reduceMillis,
                           FunctionMemory memory, int combineTasks, long combineMillis) {
        public JobFacts {
            Objects.requireNonNull(memory, "memory");
        }

        /** A job without a combine level. */
        public JobFacts(int chunks, long deliveries, long workerMillis, long splitMillis, long reduceMillis,
                        FunctionMemory memory) {
            this(chunks, deliveries, workerMillis, splitMillis, reduceMillis, memory, 0, 0);
        }
    }

    /** Counted requests and compute. */
    public record Usage(long stateTransitions, double lambdaGbSeconds, long lambdaRequests, long sqsRequests,
                        long s3Gets, long s3PutsAndLists) {
    }

    /** Usage and its price in US dollars. */
    public record Estimate(Usage usage, double stepFunctionsUsd, double lambdaUsd, double sqsUsd, double s3Usd,
                           double totalUsd) {
    }

    public static Usage usage(JobFacts f) {
        long lists = 2L * (f.chunks() / LIST_PAGE + 1); // partials and failures
        double gbSeconds = gbSeconds(f.workerMillis(), f.memory().workerMb())
                + gbSeconds(f.splitMillis(), f.memory().splitterMb())
                + gbSeconds(f.reduceMillis() + f.combineMillis(), f.memory().reducerMb());
        int tasks = f.combineTasks();
        long combineTransitions = tasks == 0 ? 0 : COMBINE_LEVEL_TRANSITIONS + (long) TRANSITIONS_PER_COMBINE_TASK * tasks;
        return new Usage(
                PARENT_TRANSITIONS + (long) TRANSITIONS_PER_CHUNK * f.chunks() + combineTransitions,
                gbSeconds,
                2 + f.deliveries() + tasks,
                SQS_REQUESTS_PER_DELIVERY * f.deliveries(),
                2 + (long) S3_GETS_PER_CHUNK * f.chunks() + tasks,
                3 + f.chunks() + lists + tasks);
    }

    /** Lambda bills GB-seconds with 1 GB = 1,024 MB. */
    private static double gbSeconds(long millis, int memoryMb) {
        return millis / 1000.0 * memoryMb / 1024.0;
    }

    public static Estimate estimate(Usage u) {
        double sfn = u.stateTransitions() * USD_PER_STATE_TRANSITION;
        double lambda = u.lambdaGbSeconds() * USD_PER_LAMBDA_GB_SECOND + u.lambdaRequests() * USD_PER_LAMBDA_REQUEST;
        double sqs = u.sqsRequests() * USD_PER_SQS_REQUEST;
        double s3 = u.s3Gets() * USD_PER_S3_GET + u.s3PutsAndLists() * USD_PER_S3_PUT_OR_LIST;
        return new Estimate(u, sfn, lambda, sqs, s3, sfn + lambda + sqs + s3);
    }
}
