package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.config.EnvVar;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeploymentTest {

    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/work";
    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:pipeline";
    private static final String DLQ = "https://sqs.us-east-1.amazonaws.com/123456789012/work-dlq";
    private static final DeployedResources RESOURCES = new DeployedResources("in", "work", "out", QUEUE, DLQ,
            STATE_MACHINE);

    private final Deployment defaults = Deployment.of(DeploymentSettings.defaults());

    @Nested
    class FunctionTable {
        @Test
        void memoryAndTimeoutOfEveryFunction() {
            assertThat(defaults.functions()).containsExactly(
                    new FunctionSpec(PipelineFunction.SPLITTER, 1024, Duration.ofSeconds(900)),
                    new FunctionSpec(PipelineFunction.WORKER, 2048, Duration.ofSeconds(300)),
                    new FunctionSpec(PipelineFunction.REDUCER, 2048, Duration.ofSeconds(900)),
                    new FunctionSpec(PipelineFunction.API, 1024, Duration.ofSeconds(29)),
                    new FunctionSpec(PipelineFunction.S3_TRIGGER, 1024, Duration.ofSeconds(60)));
        }

        @Test
        void theWorkersSizeComesFromTheSettings() {
            Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerMemoryMb(4096)
                    .withWorkerTimeout(Duration.ofSeconds(120)));

            assertThat(d.function(PipelineFunction.WORKER))
                    .isEqualTo(new FunctionSpec(PipelineFunction.WORKER, 4096, Duration.ofSeconds(120)));
        }

        @Test
        void handlersNameTheJarsHandlerClasses() {
            assertThat(Arrays.stream(PipelineFunction.values()).map(PipelineFunction::handler)).containsExactly(
                    "dev.fanout.lambda.SplitterHandler::handleRequest",
                    "dev.fanout.lambda.WorkerHandler::handleRequest",
                    "dev.fanout.lambda.ReducerHandler::handleRequest",
                    "dev.fanout.lambda.ApiHandler::handleRequest",
                    "dev.fanout.lambda.S3TriggerHandler::handleRequest");
        }

        /** 130 s or the timeout, whichever is higher (Lambda's SnapStart troubleshooting page). */
        @Test
        void aNewSnapshotInitializesForAtMostTheTimeoutOr130Seconds() {
            assertThat(defaults.function(PipelineFunction.SPLITTER).snapshotInitializationLimit()).hasSeconds(900);
            assertThat(defaults.function(PipelineFunction.API).snapshotInitializationLimit()).hasSeconds(130);
        }
    }

    @Nested
    class QueueAndEventSource {
        @Test
        void visibilityIsSixTimesTheWorkerTimeout_andTheDeadLetterQueueKeepsFourteenDays() {
            Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerTimeout(Duration.ofSeconds(900))
                    .withMaxReceiveCount(5));

            assertThat(d.workQueue()).isEqualTo(new WorkQueueSpec(Duration.ofSeconds(5400), 5, Duration.ofDays(14)));
            assertThat(defaults.workQueue().visibilityTimeout()).hasSeconds(1800);
        }

        @Test
        void redrivePolicyNamesTheDeadLetterQueueAndTheReceiveCount() {
            assertThat(defaults.workQueue().redrivePolicy("arn:aws:sqs:us-east-1:1:dlq"))
                    .isEqualTo("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:dlq\",\"maxReceiveCount\":3}");
        }

        @Test
        void theMapKeepsAsManyChunksInFlightAsTheWorkersHold() {
            Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(300)
                    .withWorkerBatchSize(4));

            assertThat(d.eventSourceMapping()).isEqualTo(new EventSourceMappingSpec(4, 300));
            assertThat(d.mapMaxConcurrency()).isEqualTo(1200);
        }
    }

    @Nested
    class Heartbeat {
        /** Base 120 s + the ramp-up from 5 batches at 300 a minute: 0, 19, 99, 199 s (by hand). */
        @ParameterizedTest
        @CsvSource({"2, 120", "100, 139", "500, 219", "1000, 319"})
        void coversTheRampUpToMaximumConcurrencyPlusTheBase(int workers, long heartbeatSeconds) {
            Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(workers));

            assertThat(d.heartbeat()).hasSeconds(heartbeatSeconds);
        }

        /**
         * The last message of the first wave waits the whole ramp-up, then its worker beats as it takes it: the wait
         * stays inside the heartbeat, and a worker's beats a third of it apart leave room for two lost ones.
         */
        @ParameterizedTest
        @CsvSource({"2", "100", "500", "1000"})
        void noChunkTimesOutWhileTheEventSourceScalesUp(int workers) {
            Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(workers)
                    .withBaseHeartbeat(Duration.ofSeconds(10)));

            assertThat(EventSourceMappingSpec.rampUpTime(workers)).isLessThan(d.heartbeat());
            assertThat(d.workerHeartbeatInterval().multipliedBy(3)).isLessThanOrEqualTo(d.heartbeat());
        }
    }

    @Nested
    class WorkerTiming {
        @Test
        void beatsEveryThirdOfTheHeartbeat() {
            assertThat(defaults.workerHeartbeatInterval()).isEqualTo(Duration.ofMillis(46_333).plusNanos(333_333));
        }

        /** 1 s doubling; capped at 30 s, or at a quarter of a short heartbeat. */
        @Test
        void theRetryBackoffIsSecondsAndStaysWellUnderTheHeartbeat() {
            assertThat(defaults.workerRetryBackoffBase()).hasSeconds(1);
            assertThat(defaults.workerRetryBackoffCap()).hasSeconds(30);
            Deployment shortBeat = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(2)
                    .withBaseHeartbeat(Duration.ofSeconds(40)));
            assertThat(shortBeat.workerRetryBackoffCap()).hasSeconds(10);
        }
    }

    /** One time scale for every duration of the stack, computed here for the stack (1) and the local runtime alike. */
    @Nested
    class TimeScale {
        private final Deployment tenth = Deployment.scaled(DeploymentSettings.defaults(), 0.1);

        @Test
        void functionTimeoutsAreScaled_butNeverBelowTenSeconds() {
            assertThat(tenth.functions()).extracting(FunctionSpec::timeout).containsExactly(
                    Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(90),
                    Duration.ofSeconds(10), Duration.ofSeconds(10)); // the API's 2.9 s and the trigger's 6 s raised
            assertThat(tenth.function(PipelineFunction.WORKER).memoryMb()).isEqualTo(2048);
        }

        @Test
        void theVisibilityTimeoutIsSixScaledWorkerTimeouts_roundedUpToWholeSeconds() {
            assertThat(tenth.workQueue().visibilityTimeout()).hasSeconds(180);
            Deployment odd = Deployment.scaled(DeploymentSettings.defaults().withWorkerTimeout(Duration.ofSeconds(311)),
                    0.05); // a 15.55 s worker: 93.3 s
            assertThat(odd.workQueue().visibilityTimeout()).hasSeconds(94);
            assertThat(odd.workQueue().deadLetterRetention()).isEqualTo(Duration.ofDays(14));
        }

        @Test
        void theWorkersOwnDurationsAreScaled_theStateMachinesAreLeftToItsEngine() {
            assertThat(tenth.heartbeat()).hasSeconds(139);
            assertThat(tenth.workerHeartbeatInterval()).isEqualTo(Duration.ofNanos(4_633_333_333L));
            assertThat(tenth.workerRetryBackoffBase()).isEqualTo(Duration.ofMillis(100));
            assertThat(tenth.workerRetryBackoffCap()).isEqualTo(Duration.ofSeconds(3));
            assertThat(tenth.environment(PipelineFunction.WORKER, RESOURCES))
                    .containsEntry("HEARTBEAT_SECONDS", "139")
                    .containsEntry("HEARTBEAT_INTERVAL_MILLIS", "4633")
                    .containsEntry("RETRY_BACKOFF_BASE_MILLIS", "100")
                    .containsEntry("RETRY_BACKOFF_CAP_MILLIS", "3000");
        }

        /** 300 more batches a scaled minute: at 0.1, one every 20 ms. */
        @Test
        void theEventSourceMappingGrowsOnAScaledMinute() {
            EventSourceMappingSpec.Scaling scaling = tenth.eventSourceMappingScaling();
            assertThat(scaling.minute()).hasSeconds(6);
            assertThat(scaling.step()).isEqualTo(Duration.ofMillis(20));
            assertThat(scaling.concurrencyAfter(Duration.ZERO, 100)).isEqualTo(5);
            assertThat(scaling.concurrencyAfter(Duration.ofSeconds(1), 100)).isEqualTo(55);
            assertThat(scaling.concurrencyAfter(Duration.ofSeconds(10), 100)).isEqualTo(100);
            assertThat(defaults.eventSourceMappingScaling().step()).isEqualTo(Duration.ofMillis(200));
        }

        @Test
        void atScaleOneNothingChanges() {
            assertThat(Deployment.scaled(DeploymentSettings.defaults(), 1.0)).isEqualTo(defaults);
            assertThat(defaults.timeScale()).isEqualTo(1.0);
            assertThat(defaults.function(PipelineFunction.API).timeout()).hasSeconds(29);
        }

        @Test
        void aScaleOutsideTheRangeIsRefused() {
            assertThatThrownBy(() -> Deployment.scaled(DeploymentSettings.defaults(), 0))
                    .hasMessageContaining("time scale");
            assertThatThrownBy(() -> Deployment.scaled(DeploymentSettings.defaults(), 1.5))
                    .hasMessageContaining("time scale");
        }
    }

    @Nested
    class ReducerSizing {
        /** By hand: a third of the reducer's 900 s at 1,000,000 keys a second, partials of 50,000 keys. */
        @Test
        void oneReducerInvocationMergesAtMost6000PartialsOf50000Keys() {
            assertThat(defaults.function(PipelineFunction.REDUCER).timeout()).hasSeconds(900);
            assertThat(defaults.reducerMaxPartials()).isEqualTo(300 * 1_000_000 / 50_000).isEqualTo(6_000);
        }

        @Test
        void theWorkerSettingsDoNotChangeIt() {
            Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(1000)
                    .withWorkerTimeout(Duration.ofMinutes(15)).withBaseHeartbeat(Duration.ofSeconds(120)));

            assertThat(d.reducerMaxPartials()).isEqualTo(6_000);
        }

        /** The local runtime's time scale shortens the reducer's timeout, not the keys a deployed reducer merges. */
        @Test
        void aTimeScaleDoesNotChangeIt() {
            Deployment scaled = Deployment.scaled(DeploymentSettings.defaults(), 0.01);

            assertThat(scaled.function(PipelineFunction.REDUCER).timeout()).isLessThan(Duration.ofSeconds(900));
            assertThat(scaled.reducerMaxPartials()).isEqualTo(6_000);
            assertThat(scaled.environment(PipelineFunction.REDUCER, RESOURCES)).containsEntry("REDUCER_MAX_PARTIALS",
                    "6000");
        }
    }

    @Nested
    class Environment {
        @ParameterizedTest
        @EnumSource(PipelineFunction.class)
        void everyFunctionGetsTheNamesTheNumbersAndThePowertoolsServiceName(PipelineFunction function) {
            Map<String, String> env = defaults.environment(function, RESOURCES);

            assertThat(env).containsAllEntriesOf(Map.ofEntries(
                    Map.entry("INPUT_BUCKET", "in"), Map.entry("WORK_BUCKET", "work"),
                    Map.entry("RESULTS_BUCKET", "out"), Map.entry("WORK_QUEUE_URL", QUEUE),
                    Map.entry("MAX_CONCURRENCY", "100"), Map.entry("HEARTBEAT_SECONDS", "139"),
                    Map.entry("MAX_RECEIVE_COUNT", "3"), Map.entry("SPLITTER_MEMORY_MB", "1024"),
                    Map.entry("WORKER_MEMORY_MB", "2048"), Map.entry("REDUCER_MEMORY_MB", "2048"),
                    Map.entry("REDUCER_MAX_PARTIALS", "6000"), Map.entry("POWERTOOLS_SERVICE_NAME", "fanout"),
                    Map.entry("DEAD_LETTER_QUEUE_URL", DLQ), Map.entry("HEARTBEAT_INTERVAL_MILLIS", "46333"),
                    Map.entry("RETRY_BACKOFF_BASE_MILLIS", "1000"), Map.entry("RETRY_BACKOFF_CAP_MILLIS", "30000")));
            Set<String> names = Arrays.stream(EnvVar.values()).map(Enum::name).collect(Collectors.toSet());
            assertThat(env.keySet()).allMatch(names::contains);
        }

        @Test
        void onlyTheFunctionsThatStartExecutionsAreToldTheStateMachine() {
            for (PipelineFunction f : PipelineFunction.values()) {
                Map<String, String> env = defaults.environment(f, RESOURCES);
                if (f == PipelineFunction.API || f == PipelineFunction.S3_TRIGGER) {
                    assertThat(env).as(f.name()).containsEntry("STATE_MACHINE_ARN", STATE_MACHINE).hasSize(17);
                } else {
                    assertThat(env).as(f.name()).doesNotContainKey("STATE_MACHINE_ARN").hasSize(16);
                }
            }
        }

        @Test
        void numbersFollowTheSettings() {
            Deployment d = Deployment.of(new DeploymentSettings(250, 2, Duration.ofSeconds(90), 5, 1536,
                    Duration.ofSeconds(120), 7));

            assertThat(d.environment(PipelineFunction.WORKER, RESOURCES)).containsEntry("MAX_CONCURRENCY", "500")
                    .containsEntry("HEARTBEAT_SECONDS", Long.toString(90 + 49)) // 245 more batches: 49 s
                    .containsEntry("MAX_RECEIVE_COUNT", "5")
                    .containsEntry("WORKER_MEMORY_MB", "1536");
        }

        @Test
        void aFunctionThatStartsExecutionsNeedsTheStateMachine() {
            DeployedResources early = RESOURCES.withStateMachineArn(null);

            assertThat(defaults.environment(PipelineFunction.WORKER, early)).doesNotContainKey("STATE_MACHINE_ARN");
            assertThatThrownBy(() -> defaults.environment(PipelineFunction.API, early))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STATE_MACHINE_ARN");
        }
    }
}
