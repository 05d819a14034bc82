package dev.fanout.local.runtime.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.api.ErrorAnswer;
import dev.fanout.asl.api.RequestFilter;
import dev.fanout.core.port.BlobStore;
import dev.fanout.local.runtime.esm.DeliveryFaults;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Chaos mode: seeded faults at the pipeline's real boundaries, and the account of how they were absorbed.
 * <ul>
 *   <li>{@code throw}: the worker's job registry (through {@code Wiring.Decorator}) hands out jobs whose {@code map}
 *       throws on the first attempt of a chunk ({@link #beforeMap});</li>
 *   <li>{@code crash-after-write}: the worker's storage (the same seam) kills the invocation right after a chunk's
 *       partial was written ({@link #workerStorage});</li>
 *   <li>{@code hang}: the worker function's invoker never returns, until the invocation's timeout kills it;</li>
 *   <li>{@code duplicate}: the event source mapping delivers a message a second time, concurrently;</li>
 *   <li>{@code s3-errors}: the functions' S3 endpoint is an {@link S3FaultProxy} that answers 500 InternalError or 503
 *       SlowDown;</li>
 *   <li>{@code callback-throttle}: the Step Functions endpoint's {@link RequestFilter} answers SendTask* with
 *       ThrottlingException.</li>
 * </ul>
 * Whether a fault strikes is decided by {@link Dice} from the seed, the kind and the chunk index (or the request), on
 * the first attempt only, so the same seed strikes the same chunks in every run and every fault can be absorbed.
 * Thread-safe.
 */
public final class Chaos {
    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChaosSpec spec;
    private final Dice dice;
    private final FaultLedger ledger = new FaultLedger(System::nanoTime);
    private final Map<String, Boolean> seenRequests = new ConcurrentHashMap<>();

    public Chaos(ChaosSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.dice = new Dice(spec.seed());
    }

    public ChaosSpec spec() {
        return spec;
    }

    public boolean injects(FaultKind kind) {
        return spec.probability(kind) > 0;
    }

    /**
     * The chunks of a job of {@code chunks} chunks that {@code kind} (throw, hang, crash-after-write, duplicate)
     * strikes on their first attempt under {@code spec}: the same for every run with the same seed.
     */
    public static List<Integer> chunksStruck(ChaosSpec spec, FaultKind kind, int chunks) {
        if (kind == FaultKind.S3_ERRORS || kind == FaultKind.CALLBACK_THROTTLE) {
            throw new IllegalArgumentException(kind.key() + " strikes requests, not chunks");
        }
        Dice dice = new Dice(spec.seed());
        return IntStream.range(0, chunks)
                .filter(i -> dice.roll(kind, Integer.toString(i), spec.probability(kind))).boxed().toList();
    }

    /** On a chunk's first attempt, whether {@code kind} strikes it (and then it is counted). */
    private boolean strikesChunk(FaultKind kind, String jobId, int index) {
        if (!injects(kind) || !dice.roll(kind, Integer.toString(index), spec.probability(kind))) {
            return false;
        }
        if (!ledger.firstAttempt(kind, jobId, index)) {
            return false;
        }
        ledger.chunkFault(kind, jobId, index);
        LOG.info("chaos: {} strikes chunk {} of job {}", kind.key(), index, jobId);
        return true;
    }

    /** Before a chunk's map in the worker: throws {@link InjectedFault} when {@code throw} strikes the chunk. */
    public void beforeMap(String jobId, int chunkIndex) {
        if (strikesChunk(FaultKind.THROW, jobId, chunkIndex)) {
            throw new InjectedFault("chaos: the map of chunk " + chunkIndex + " threw on its first attempt");
        }
    }

    /** The worker's storage: it kills the invocation after a struck chunk's partial was written. */
    public BlobStore workerStorage(BlobStore store) {
        if (!injects(FaultKind.CRASH_AFTER_WRITE)) {
            return store;
        }
        return new CrashAfterWriteBlobStore(store,
                (jobId, index) -> strikesChunk(FaultKind.CRASH_AFTER_WRITE, jobId, index));
    }

    /** The worker's invoker: an invocation whose batch holds a struck chunk hangs until its timeout kills it. */
    public BiFunction<SQSEvent, Context, SQSBatchResponse> workerInvoker(
            BiFunction<SQSEvent, Context, SQSBatchResponse> handler) {
        if (!injects(FaultKind.HANG)) {
            return handler;
        }
        return (event, context) -> {
            boolean hang = false;
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                Chunk chunk = Chunk.of(m.getBody());
                hang |= chunk != null && strikesChunk(FaultKind.HANG, chunk.jobId(), chunk.index());
            }
            if (hang) {
                hangUntilKilled(context);
            }
            return handler.apply(event, context);
        };
    }

    private static void hangUntilKilled(Context context) {
        try {
            Thread.sleep(Math.max(1, context.getRemainingTimeInMillis()) + 60_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("chaos: the invocation hung past its timeout");
    }

    /** Which messages the event source mapping delivers twice. */
    public DeliveryFaults deliveryFaults() {
        if (!injects(FaultKind.DUPLICATE)) {
            return DeliveryFaults.NONE;
        }
        return new DeliveryFaults() {
            @Override
            public boolean deliverTwice(Message message) {
                Chunk chunk = Chunk.of(message.body());
                return chunk != null && strikesChunk(FaultKind.DUPLICATE, chunk.jobId(), chunk.index());
            }

            @Override
            public void duplicateDone(Message message, boolean reportedFailure) {
                Chunk chunk = Chunk.of(message.body());
                if (chunk != null) {
                    ledger.duplicateDone(chunk.jobId(), chunk.index(), reportedFailure);
                }
            }
        };
    }

    /** The S3 requests that fail: the first attempt of a request, when the dice say so; half 500, half 503. */
    public S3FaultProxy.Faults s3Faults() {
        return new S3FaultProxy.Faults() {
            @Override
            public Optional<S3FaultProxy.S3Error> strike(S3FaultProxy.Request request) {
                String identity = request.identity();
                if (!dice.roll(FaultKind.S3_ERRORS, identity, spec.probability(FaultKind.S3_ERRORS))
                        || seenRequests.putIfAbsent("s3 " + identity, Boolean.TRUE) != null) {
                    return Optional.empty();
                }
                ledger.requestFault(FaultKind.S3_ERRORS, identity);
                S3FaultProxy.S3Error error = S3FaultProxy.S3Error.values()[dice.pick(FaultKind.S3_ERRORS, identity, 2)];
                LOG.info("chaos: S3 answers {} to {}", error.code, identity);
                return Optional.of(error);
            }

            @Override
            public void passed(S3FaultProxy.Request request) {
                ledger.requestPassed(FaultKind.S3_ERRORS, request.identity());
            }
        };
    }

    /** SendTaskSuccess/Failure/Heartbeat answer ThrottlingException on the first attempt, when the dice say so. */
    public RequestFilter callbackFilter() {
        if (!injects(FaultKind.CALLBACK_THROTTLE)) {
            return RequestFilter.NONE;
        }
        return (operation, body) -> {
            if (!operation.startsWith("SendTask")) {
                return Optional.empty();
            }
            String identity = operation + " " + body.path("taskToken").asText("");
            if (dice.roll(FaultKind.CALLBACK_THROTTLE, identity, spec.probability(FaultKind.CALLBACK_THROTTLE))
                    && seenRequests.putIfAbsent("sfn " + identity, Boolean.TRUE) == null) {
                ledger.requestFault(FaultKind.CALLBACK_THROTTLE, identity);
                return Optional.of(ErrorAnswer.throttling());
            }
            ledger.requestPassed(FaultKind.CALLBACK_THROTTLE, identity);
            return Optional.empty();
        };
    }

    /** The job started (its splitter ran): faults on requests count for it from now on. */
    public void jobStarted(String jobId) {
        ledger.jobStarted(jobId);
    }

    /**
     * {@code summary.json}'s {@code faults}: for each kind the spec names, how many were injected and how they were
     * absorbed ({@code retried}, {@code dropped}, {@code tolerated}) or not ({@code failed}).
     */
    public ObjectNode report(String jobId, IntPredicate hasPartial, boolean succeeded) {
        ObjectNode faults = JSON.createObjectNode();
        ledger.report(jobId, spec.probabilities().keySet(), hasPartial, succeeded).forEach((kind, counts) ->
                faults.set(kind.key(), JSON.valueToTree(counts.asMap())));
        return faults;
    }

    /** The job and index of a work message's chunk. */
    private record Chunk(String jobId, int index) {
        static Chunk of(String body) {
            try {
                JsonNode chunk = JSON.readTree(body).path("chunk");
                return chunk.path("index").canConvertToInt() && chunk.path("jobId").isTextual()
                        ? new Chunk(chunk.path("jobId").asText(), chunk.path("index").asInt()) : null;
            } catch (Exception e) {
                return null;
            }
        }
    }
}
