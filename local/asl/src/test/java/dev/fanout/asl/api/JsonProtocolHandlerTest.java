package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.AslEngine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonProtocolHandlerTest {
    private static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    private static final Instant CREATED = Instant.ofEpochMilli(1_700_000_000_123L);

    private final AslEngine engine = AslEngine.builder().build();
    private final JsonProtocolHandler handler = new JsonProtocolHandler(new Operations(
            new StepFunctionsService(engine, Clock.fixed(CREATED, ZoneOffset.UTC))), RequestFilter.NONE);

    @AfterEach
    void close() {
        engine.close();
    }

    private JsonProtocolHandler.Answer post(String operation, String body) {
        return handler.answer("POST", "AWSStepFunctions." + operation, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String createBody(String name) {
        return WireFormat.object().put("name", name).put("definition", PASS)
                .put("roleArn", "arn:aws:iam::123456789012:role/r").toString();
    }

    @Test
    void answersWithTimestampsAsEpochSecondsNumbers() {
        JsonProtocolHandler.Answer answer = post("CreateStateMachine", createBody("m"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode created = answer.body().get("creationDate");
        assertThat(created.isNumber()).isTrue();
        assertThat(created.decimalValue()).isEqualByComparingTo(new BigDecimal("1700000000.123"));
    }

    @Test
    void unknownOperationIsUnknownOperationException() {
        JsonProtocolHandler.Answer answer = post("CreateActivity", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(answer.body().get("message").asText()).contains("CreateActivity");
    }

    @Test
    void missingTargetHeaderIsUnknownOperationException() {
        JsonProtocolHandler.Answer answer = handler.answer("POST", null, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void bodyThatIsNotJsonIsSerializationException() {
        JsonProtocolHandler.Answer answer = post("ListStateMachines", "{\"maxResults\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void bodyThatIsAJsonArrayIsSerializationException() {
        assertThat(post("ListStateMachines", "[]").body().get("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void memberOfTheWrongTypeIsSerializationException() {
        JsonProtocolHandler.Answer answer = post("DescribeStateMachine", "{\"stateMachineArn\": 12}");

        assertThat(answer.body().get("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void missingRequiredMemberIsValidationException() {
        JsonProtocolHandler.Answer answer = post("DescribeExecution", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("__type").asText()).isEqualTo("ValidationException");
        assertThat(answer.body().get("message").asText()).contains("'executionArn'");
    }

    @Test
    void emptyBodyCountsAsAnEmptyRequest() {
        JsonProtocolHandler.Answer answer = handler.answer("POST", "AWSStepFunctions.ListStateMachines", new byte[0]);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("stateMachines").isArray()).isTrue();
    }

    @Test
    void onlyPostIsAccepted() {
        JsonProtocolHandler.Answer answer = handler.answer("GET", "AWSStepFunctions.ListStateMachines", new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void describeStateMachineShowsTheRegisteredMachine() {
        String arn = post("CreateStateMachine", createBody("m")).body().get("stateMachineArn").asText();

        JsonNode described = post("DescribeStateMachine", "{\"stateMachineArn\":\"" + arn + "\"}").body();

        assertThat(described.get("name").asText()).isEqualTo("m");
        assertThat(described.get("definition").asText()).isEqualTo(PASS);
        assertThat(described.get("type").asText()).isEqualTo("STANDARD");
        assertThat(described.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void invalidStateMachineNameIsInvalidName() {
        JsonProtocolHandler.Answer answer = post("CreateStateMachine", createBody("has space"));

        assertThat(answer.body().get("__type").asText()).isEqualTo("InvalidName");
        assertThat(answer.body().get("message").asText()).isEqualTo("Invalid Name: 'has space'");
    }
}
