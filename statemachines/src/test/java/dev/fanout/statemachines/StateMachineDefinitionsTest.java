package dev.fanout.statemachines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMachineDefinitionsTest {

    private static final String SPLITTER = "arn:aws:lambda:us-east-1:123456789012:function:splitter:live";
    private static final String REDUCER = "arn:aws:lambda:us-east-1:123456789012:function:reducer:live";
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/work";

    private static Map<Placeholders, String> all() {
        return Map.of(Placeholders.SplitterFunctionArn, SPLITTER, Placeholders.ReducerFunctionArn, REDUCER,
                Placeholders.WorkQueueUrl, QUEUE);
    }

    @Test
    void renderPutsEachValueWhereItsPlaceholderWas() throws Exception {
        JsonNode states = new ObjectMapper().readTree(StateMachineDefinitions.render(all())).get("States");

        assertThat(states.at("/SplitInput/Parameters/FunctionName").asText()).isEqualTo(SPLITTER);
        assertThat(states.at("/ReduceResults/Parameters/FunctionName").asText()).isEqualTo(REDUCER);
        assertThat(states.at("/ProcessChunks/ItemProcessor/States/ProcessChunk/Parameters/QueueUrl").asText())
                .isEqualTo(QUEUE);
    }

    @Test
    void renderLeavesNoPlaceholderBehind() {
        assertThat(StateMachineDefinitions.render(all())).doesNotContain("${");
    }

    @Test
    void renderInsertsValuesVerbatim_evenWithRegexReplacementCharacters() {
        String rendered = StateMachineDefinitions.render("{\"a\":\"${WorkQueueUrl}\",\"b\":\"${WorkQueueUrl}\"}",
                Map.of(Placeholders.SplitterFunctionArn, "x", Placeholders.ReducerFunctionArn, "y",
                        Placeholders.WorkQueueUrl, "q$1\\z"));

        assertThat(rendered).isEqualTo("{\"a\":\"q$1\\z\",\"b\":\"q$1\\z\"}");
    }

    @Test
    void renderRejectsAMissingValue_namingThePlaceholder() {
        Map<Placeholders, String> values = new EnumMap<>(all());
        values.remove(Placeholders.WorkQueueUrl);

        assertThatThrownBy(() -> StateMachineDefinitions.render(values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WorkQueueUrl");
    }

    @Test
    void renderRejectsAnUnknownPlaceholderInTheDefinition() {
        assertThatThrownBy(() -> StateMachineDefinitions.render("{\"x\":\"${Nope}\"}", all()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${Nope}");
    }

    @Test
    void tokenIsTheDollarBraceForm() {
        assertThat(Placeholders.SplitterFunctionArn.token()).isEqualTo("${SplitterFunctionArn}");
    }
}
