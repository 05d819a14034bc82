package dev.fanout.local.runtime.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.deployment.EventSourceMappingSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lambda's SQS scaling, on a clock the test moves: 5 batches, then 300 more a minute while messages wait. */
class ScalingGateTest {
    private static final long SECOND = 1_000_000_000L;
    private static final EventSourceMappingSpec.Scaling LAMBDA = new EventSourceMappingSpec.Scaling(5, 300,
            Duration.ofMinutes(1));

    @Test
    void startsWithFiveBatches_andAddsFiveASecondWhileMessagesWait() throws Exception {
        ScalingGate gate = new ScalingGate(100, LAMBDA, 0);
        assertThat(gate.concurrency()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(gate.acquire(0)).isTrue();
        }
        assertThat(gate.acquire(0)).as("a sixth batch waits").isFalse();

        assertThat(gate.tick(SECOND, true)).isEqualTo(10);
        assertThat(gate.tick(SECOND * 3 / 2, true)).isEqualTo(12); // 2.5 more: 2 now, the half kept
        assertThat(gate.tick(2 * SECOND, true)).isEqualTo(15);
        assertThat(gate.acquire(0)).as("a permit of the ones added").isTrue();
    }

    @Test
    void growsOnlyWhileMessagesWait_andNeverBeyondTheMaximum() {
        ScalingGate gate = new ScalingGate(20, LAMBDA, 0);
        gate.startedBatch();
        assertThat(gate.tick(10 * SECOND, false)).isEqualTo(5);
        assertThat(gate.tick(11 * SECOND, true)).isEqualTo(10);
        assertThat(gate.tick(60 * SECOND, true)).isEqualTo(20);
        assertThat(gate.mayGrow(60 * SECOND)).isFalse();
    }

    @Test
    void goesBackToFiveAfterAnIdleMinute_butNotWhileABatchIsInProgress() throws Exception {
        ScalingGate gate = new ScalingGate(100, LAMBDA, 0);
        gate.received(0);
        gate.startedBatch();
        assertThat(gate.tick(19 * SECOND, true)).isEqualTo(100);

        assertThat(gate.tick(90 * SECOND, false)).as("a batch is in progress").isEqualTo(100);
        gate.endedBatch();
        assertThat(gate.tick(91 * SECOND, false)).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(gate.acquire(0)).isTrue();
        }
        assertThat(gate.acquire(0)).isFalse();
    }

    @Test
    void aSmallMaximumIsTheStart() {
        assertThat(new ScalingGate(2, LAMBDA, 0).concurrency()).isEqualTo(2);
    }
}
