package dev.fanout.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostModelTest {
    @Test
    void tenThousandChunksCostAboutSixtyCents() {
        CostModel.Usage usage = CostModel.usage(new CostModel.JobFacts(10_000, 10_000, 3_000_000, 2_000, 20_000, 1024));
        // by hand: 6 + 2 × 10,000 transitions; 3,000 + 22 GB-s; 10,002 invocations; 30,000 SQS requests;
        // 2 + 3 × 10,000 GETs; 3 + 10,000 PUTs + 2 × 11 LISTs
        assertThat(usage).isEqualTo(new CostModel.Usage(20_006, 3_022, 10_002, 30_000, 30_002, 10_025));
        CostModel.Estimate e = CostModel.estimate(usage);
        assertThat(e.stepFunctionsUsd()).isCloseTo(20_006 * 0.000025, within(1e-9));
        assertThat(e.lambdaUsd()).isCloseTo(3_022 * 0.0000133334 + 10_002 * 0.0000002, within(1e-9));
        assertThat(e.sqsUsd()).isCloseTo(0.012, within(1e-9));
        assertThat(e.s3Usd()).isCloseTo(30_002 * 0.0000004 + 10_025 * 0.000005, within(1e-9));
        assertThat(e.totalUsd()).isCloseTo(0.6165, within(0.001));
    }

    @Test
    void workerMemoryScalesTheComputeCost() {
        CostModel.Usage small = CostModel.usage(new CostModel.JobFacts(1, 1, 10_000, 0, 0, 512));
        CostModel.Usage big = CostModel.usage(new CostModel.JobFacts(1, 1, 10_000, 0, 0, 2048));
        assertThat(small.lambdaGbSeconds()).isEqualTo(5.0);
        assertThat(big.lambdaGbSeconds()).isEqualTo(20.0);
    }
}
