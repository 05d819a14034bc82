package dev.fanout.local.runtime.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.port.LambdaResponse;
import dev.fanout.local.runtime.lambda.FunctionError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda integration finds functions by name or ARN and reports function errors as Lambda does. */
class FunctionNameTest {
    @Test
    void acceptsNamesFullAndPartialArns() {
        assertThat(LocalIntegrations.functionNameOf("fanout-splitter")).isEqualTo("fanout-splitter");
        assertThat(LocalIntegrations.functionNameOf("arn:aws:lambda:us-east-1:000000000000:function:fanout-splitter"))
                .isEqualTo("fanout-splitter");
        assertThat(LocalIntegrations.functionNameOf("arn:aws:lambda:us-east-1:000000000000:function:fanout-splitter:live"))
                .isEqualTo("fanout-splitter");
        assertThat(LocalIntegrations.functionNameOf("000000000000:function:fanout-splitter")).isEqualTo("fanout-splitter");
    }

    @Test
    void returnsAFunctionErrorAsUnhandledWithTheRuntimePayload() throws Exception {
        var invoker = LocalIntegrations.lambda(Map.of("f", payload -> {
            throw new FunctionError("dev.fanout.core.error.InputNotFoundException", "gone", List.of());
        }));
        LambdaResponse response = invoker.invoke("arn:aws:lambda:us-east-1:000000000000:function:f", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        var payload = new ObjectMapper().readTree(response.payloadJson());
        assertThat(payload.get("errorType").asText()).isEqualTo("dev.fanout.core.error.InputNotFoundException");
        assertThat(payload.get("errorMessage").asText()).isEqualTo("gone");
    }

    @Test
    void passesTheResultThrough() {
        var invoker = LocalIntegrations.lambda(Map.of("f", payload -> "{\"echo\":" + payload + "}"));
        assertThat(invoker.invoke("f", "1").payloadJson()).isEqualTo("{\"echo\":1}");
        assertThat(invoker.invoke("f", "1").failed()).isFalse();
    }

    @Test
    void anUnknownFunctionIsAServiceError() {
        var invoker = LocalIntegrations.lambda(Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> invoker.invoke("nope", "{}"))
                .isInstanceOf(LocalIntegrations.ResourceNotFoundException.class).hasMessageContaining("nope");
    }
}
