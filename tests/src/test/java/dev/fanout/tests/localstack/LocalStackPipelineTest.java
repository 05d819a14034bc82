package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackPipelineTest {

    private static final String SPLITTER = "arn:aws:lambda:us-east-1:000000000000:function:fanout-splitter:live";
    private static final String REDUCER = "arn:aws:lambda:us-east-1:000000000000:function:fanout-reducer:live";
    private static final String QUEUE = "http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/fanout-work";

    @Test
    void substitutesEveryPlaceholderOfTheDefinition() {
        Map<Placeholders, String> values = LocalStackPipeline.substitutions(
                Map.of(PipelineFunction.SPLITTER, SPLITTER, PipelineFunction.REDUCER, REDUCER), QUEUE);

        assertThat(values).containsOnlyKeys(Placeholders.values());
        String rendered = StateMachineDefinitions.render(values);
        assertThat(rendered).doesNotContain("${").contains(SPLITTER, REDUCER, QUEUE);
    }

    @Test
    void rendersADefinitionWhoseTasksCallTheDeployedResources() throws Exception {
        JsonNode states = Json.mapper().readTree(StateMachineDefinitions.render(LocalStackPipeline.substitutions(
                Map.of(PipelineFunction.SPLITTER, SPLITTER, PipelineFunction.REDUCER, REDUCER), QUEUE)))
                .path("States");

        assertThat(states.path("SplitInput").path("Parameters").path("FunctionName").asText()).isEqualTo(SPLITTER);
        assertThat(states.path("ReduceResults").path("Parameters").path("FunctionName").asText()).isEqualTo(REDUCER);
        assertThat(states.path("CombineGroups").path("ItemProcessor").path("States").path("CombineGroup")
                .path("Parameters").path("FunctionName").asText()).isEqualTo(REDUCER);
        assertThat(states.path("ProcessChunks").path("ItemProcessor").path("States").path("ProcessChunk")
                .path("Parameters").path("QueueUrl").asText()).isEqualTo(QUEUE);
    }

    @Test
    void keepsTheStacksSettings_withTwoWorkers() {
        assertThat(LocalStackPipeline.settings())
                .isEqualTo(DeploymentSettings.defaults().withWorkerMaxConcurrency(2));
        assertThat(Deployment.of(LocalStackPipeline.settings()).mapMaxConcurrency()).isEqualTo(2);
    }

    /** The stack's handler strings name classes of the function jar. */
    @Test
    void deploysHandlersThatExistInTheFunctionJar() {
        for (PipelineFunction f : PipelineFunction.values()) {
            String handlerClass = f.handler().substring(0, f.handler().indexOf("::"));
            assertThat(f.handler()).endsWith("::handleRequest");
            assertThatCode(() -> Class.forName(handlerClass, false, getClass().getClassLoader()))
                    .as(handlerClass).doesNotThrowAnyException();
        }
    }

    @Test
    void needsTheReducer() {
        assertThatThrownBy(() -> LocalStackPipeline.substitutions(Map.of(PipelineFunction.SPLITTER, SPLITTER), QUEUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDUCER");
    }
}
