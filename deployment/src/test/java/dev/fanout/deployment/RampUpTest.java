package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.PriorityQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the heartbeat's ramp-up term is for, shown on a simulation of Lambda's SQS scaling independent of the
 * contract's formula: the Map sends as many messages as the workers hold, the event source mapping takes them with 5
 * concurrent batches at first and 5 more each second (300 a minute) up to its MaximumConcurrency, and each chunk runs
 * long enough that a poller is not free again before the ramp-up ends. A message's heartbeat clock runs from its send
 * until its worker takes it and beats.
 */
class RampUpTest {

    /** The longest any of {@code messages} (sent together at t = 0, batch size 1) waits, in whole seconds. */
    private static long longestWait(int maximumConcurrency, int messages, long chunkSeconds) {
        PriorityQueue<Long> busyUntil = new PriorityQueue<>();
        int waiting = messages;
        long longest = 0;
        for (long t = 0; waiting > 0; t++) {
            while (!busyUntil.isEmpty() && busyUntil.peek() <= t) {
                busyUntil.poll();
            }
            long pollers = Math.min(maximumConcurrency, 5 + 5 * t);
            while (waiting > 0 && busyUntil.size() < pollers) {
                busyUntil.add(t + chunkSeconds);
                waiting--;
                longest = t;
            }
        }
        return longest;
    }

    @ParameterizedTest(name = "{0} workers")
    @CsvSource({"100", "500", "1000"})
    void theLastMessageOfTheFirstWaveWaitsTheWholeRampUp_andTheDeployedHeartbeatCoversIt(int workers) {
        Deployment d = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(workers));
        long wait = longestWait(workers, d.mapMaxConcurrency(), d.function(PipelineFunction.WORKER).timeout()
                .getSeconds());

        assertThat(Duration.ofSeconds(wait)).isEqualTo(d.eventSourceMapping().rampUpTime());
        assertThat(Duration.ofSeconds(wait)).isLessThan(d.heartbeat());
    }

    /** Without the ramp-up term HeartbeatSeconds would be the base, 120 s: at 1,000 workers chunks time out queued. */
    @ParameterizedTest(name = "{0} workers")
    @CsvSource({"1000, 199", "700, 139"})
    void withoutTheRampUpTermTheLastMessagesWouldTimeOutBeforeAnyWorkerSawThem(int workers, long expectedWait) {
        DeploymentSettings settings = DeploymentSettings.defaults().withWorkerMaxConcurrency(workers);
        Deployment d = Deployment.of(settings);
        long wait = longestWait(workers, d.mapMaxConcurrency(), 300);

        assertThat(wait).isEqualTo(expectedWait);
        assertThat(Duration.ofSeconds(wait)).as("the base heartbeat alone expires first")
                .isGreaterThan(settings.baseHeartbeat());
        assertThat(Duration.ofSeconds(wait)).as("the deployed heartbeat does not").isLessThan(d.heartbeat());
    }
}
