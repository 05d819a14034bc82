package dev.fanout.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostModelTest {
    /** As the default stack deploys them: splitter 1 GB, worker 2 GB, reducer 2 GB. */
    private static final FunctionMemory DEPLOYED = new FunctionMemory(1024, 2048, 2048);

    @Test
    void tenThousandChunksCostAboutSixtySixCents() {
        CostModel.Usage usage = CostModel.usage(new CostModel.JobFacts(10_000, 10_000, 3_000_000, 2_000, 20_000,
                DEPLOYED));
        // by hand: 7 + 2 × 10,000 transitions; worker 3,000 s × 2 GB + splitter 2 s × 1 GB + reducer 20 s × 2 GB
        // = 6,042 GB-s; 10,002 invocations; 30,000 SQS requests; 2 + 3 × 10,000 GETs; 3 + 10,000 PUTs + 2 × 11 LISTs
        assertThat(usage).isEqualTo(new CostModel.Usage(20_007, 6_042, 10_002, 30_000, 30_002, 10_025));
        CostModel.Estimate e = CostModel.estimate(usage);
        assertThat(e.stepFunctionsUsd()).isCloseTo(20_007 * 0.000025, within(1e-9));
        assertThat(e.lambdaUsd()).isCloseTo(6_042 * 0.0000133334 + 10_002 * 0.0000002, within(1e-9));
        assertThat(e.sqsUsd()).isCloseTo(0.012, within(1e-9));
        assertThat(e.s3Usd()).isCloseTo(30_002 * 0.0000004 + 10_025 * 0.000005, within(1e-9));
        assertThat(e.totalUsd()).isCloseTo(0.6568, within(0.001));
    }

    /** 100,000 chunks in 17 groups: the combine tasks are reducer invocations, priced at the reducer's memory. */
    @Test
    void aCombineLevelAddsItsTasksAsReducerInvocations() {
        CostModel.Usage without = CostModel.usage(new CostModel.JobFacts(100_000, 100_000, 0, 0, 60_000, DEPLOYED));
        CostModel.Usage with = CostModel.usage(new CostModel.JobFacts(100_000, 100_000, 0, 0, 60_000, DEPLOYED,
                17, 17 * 300_000L));

        // by hand: 2 + 2 × 17 transitions; 17 × 300 s × 2 GB; 17 requests, PUTs and GETs
        assertThat(with.stateTransitions() - without.stateTransitions()).isEqualTo(36);
        assertThat(with.lambdaGbSeconds() - without.lambdaGbSeconds()).isEqualTo(10_200.0);
        assertThat(with.lambdaRequests() - without.lambdaRequests()).isEqualTo(17);
        assertThat(with.s3PutsAndLists() - without.s3PutsAndLists()).isEqualTo(17);
        assertThat(with.s3Gets() - without.s3Gets()).isEqualTo(17);
        assertThat(with.sqsRequests()).isEqualTo(without.sqsRequests());
    }

    @Test
    void eachFunctionsMemoryScalesItsOwnComputeCost() {
        CostModel.Usage worker = CostModel.usage(new CostModel.JobFacts(1, 1, 10_000, 0, 0,
                new FunctionMemory(1024, 512, 1024)));
        CostModel.Usage splitter = CostModel.usage(new CostModel.JobFacts(1, 1, 0, 10_000, 0,
                new FunctionMemory(3072, 512, 1024)));
        CostModel.Usage reducer = CostModel.usage(new CostModel.JobFacts(1, 1, 0, 0, 10_000,
                new FunctionMemory(1024, 512, 2048)));

        assertThat(worker.lambdaGbSeconds()).isEqualTo(5.0);     // 10 s × 0.5 GB
        assertThat(splitter.lambdaGbSeconds()).isEqualTo(30.0);  // 10 s × 3 GB
        assertThat(reducer.lambdaGbSeconds()).isEqualTo(20.0);   // 10 s × 2 GB, not the 1 GB it was once priced at
    }

    @Test
    void refusesMemoryThatNoFunctionHas() {
        assertThatThrownBy(() -> new FunctionMemory(1024, 0, 2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker 0");
    }
}
