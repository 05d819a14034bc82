package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestTest {
    private final ObjectMapper json = new ObjectMapper();

    private Request request(String body) throws Exception {
        return new Request("StartExecution", (ObjectNode) json.readTree(body));
    }

    private static SfnErrorCode codeOf(Throwable t) {
        return ((StepFunctionsException) t).errorCode();
    }

    @Test
    void readsStringMembers() throws Exception {
        assertThat(request("{\"name\":\"run-1\"}").requiredString("name")).isEqualTo("run-1");
    }

    @Test
    void missingRequiredMemberIsValidationExceptionInAwsWording() throws Exception {
        assertThatThrownBy(() -> request("{}").requiredString("stateMachineArn"))
                .satisfies(t -> assertThat(codeOf(t)).isEqualTo(SfnErrorCode.VALIDATION))
                .hasMessage("1 validation error detected: Value null at 'stateMachineArn' "
                        + "failed to satisfy constraint: Member must not be null");
    }

    @Test
    void memberOfWrongJsonTypeIsSerializationException() throws Exception {
        assertThatThrownBy(() -> request("{\"name\":42}").optionalString("name"))
                .satisfies(t -> assertThat(codeOf(t)).isEqualTo(SfnErrorCode.SERIALIZATION));
    }

    @Test
    void tooLongStringIsValidationException() throws Exception {
        assertThatThrownBy(() -> request("{\"error\":\"" + "e".repeat(257) + "\"}").optionalString("error", 256))
                .satisfies(t -> assertThat(codeOf(t)).isEqualTo(SfnErrorCode.VALIDATION));
    }

    @Nested
    class MaxResults {
        @Test
        void defaultsToOneHundredWhenAbsentOrZero() throws Exception {
            assertThat(request("{}").maxResults()).isEqualTo(100);
            assertThat(request("{\"maxResults\":0}").maxResults()).isEqualTo(100);
        }

        @Test
        void acceptsUpToOneThousand() throws Exception {
            assertThat(request("{\"maxResults\":1000}").maxResults()).isEqualTo(1000);
        }

        @Test
        void rejectsMoreThanOneThousand() {
            assertThatThrownBy(() -> request("{\"maxResults\":1001}").maxResults())
                    .satisfies(t -> assertThat(codeOf(t)).isEqualTo(SfnErrorCode.VALIDATION))
                    .hasMessageContaining("Member must have value less than or equal to 1000");
        }

        @Test
        void rejectsNegativeValues() {
            assertThatThrownBy(() -> request("{\"maxResults\":-1}").maxResults())
                    .satisfies(t -> assertThat(codeOf(t)).isEqualTo(SfnErrorCode.VALIDATION));
        }
    }

    @Test
    void readsEnumMembersAndRejectsUnknownValues() throws Exception {
        assertThat(request("{\"type\":\"EXPRESS\"}").optionalEnum("type", StateMachineType.class))
                .isEqualTo(StateMachineType.EXPRESS);
        assertThatThrownBy(() -> request("{\"type\":\"FAST\"}").optionalEnum("type", StateMachineType.class))
                .satisfies(t -> assertThat(codeOf(t)).isEqualTo(SfnErrorCode.VALIDATION))
                .hasMessageContaining("Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }

    @Test
    void readsBooleansDefaultingToFalse() throws Exception {
        assertThat(request("{\"reverseOrder\":true}").optionalBoolean("reverseOrder")).isTrue();
        assertThat(request("{}").optionalBoolean("reverseOrder")).isFalse();
    }
}
