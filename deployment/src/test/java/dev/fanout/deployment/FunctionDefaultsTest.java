package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.pipeline.PipelineSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The functions' own defaults ({@code PipelineSettings}, in {@code fanout-core}, which cannot depend on this module)
 * are the default deployment's: a function given only its bucket names behaves as the stack deploys it.
 */
class FunctionDefaultsTest {

    @Test
    void aFunctionWithOnlyItsBucketNamesRunsAsTheDefaultDeployment() {
        Deployment deployment = Deployment.of(DeploymentSettings.defaults());
        DeployedResources resources = new DeployedResources("in", "work", "out", "http://q", "http://dlq",
                "arn:sm");

        for (PipelineFunction f : PipelineFunction.values()) {
            Map<String, String> deployed = deployment.environment(f, resources);
            PipelineSettings fromDefaults = PipelineSettings.fromEnv(Map.of(
                    "INPUT_BUCKET", "in", "WORK_BUCKET", "work", "RESULTS_BUCKET", "out"));

            assertThat(fromDefaults).as(f.name()).isEqualTo(PipelineSettings.fromEnv(deployed));
        }
    }

    @Test
    void theCostModelPricesEveryFunctionAtItsDeployedMemory() {
        Deployment deployment = Deployment.of(DeploymentSettings.defaults().withWorkerMemoryMb(3008));
        PipelineSettings settings = PipelineSettings.fromEnv(deployment.environment(PipelineFunction.REDUCER,
                new DeployedResources("in", "work", "out", "http://q", "http://dlq", null)));

        assertThat(settings.memory()).isEqualTo(new FunctionMemory(
                deployment.function(PipelineFunction.SPLITTER).memoryMb(), 3008,
                deployment.function(PipelineFunction.REDUCER).memoryMb()));
        assertThat(settings.memory().reducerMb()).isEqualTo(2048);
    }
}
