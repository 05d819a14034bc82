package dev.fanout.asl.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.testing.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executions whose outcome real Step Functions recorded: each case is a definition and an input, and the status,
 * error, cause and output AWS answered. The cases are taken from AWS's documentation, from LocalStack's recorded
 * snapshot files (tests/aws/services/stepfunctions) and from causes real AWS printed; each names its source and the
 * failure class it belongs to. Expected outputs may hold {@code "<any>"} where AWS's value is an ARN, a date or
 * an id. Test names read {@code [language] class: name}, so a report counts them per language and class.
 */
class RecordedCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SM_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:recorded";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ANY = "<any>";

    static Stream<Arguments> jsonPathCases() throws IOException {
        return cases("fidelity/jsonpath-cases.json", "JSONPath");
    }

    static Stream<Arguments> jsonataCases() throws IOException {
        return cases("fidelity/jsonata-cases.json", "JSONata");
    }

    private static Stream<Arguments> cases(String resource, String language) throws IOException {
        JsonNode all;
        try (InputStream in = RecordedCasesTest.class.getClassLoader().getResourceAsStream(resource)) {
            all = JSON.readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : all) {
            out.add(Arguments.of(Named.of("[" + language + "] " + c.path("class").asText() + ": "
                    + c.path("name").asText(), c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPathCases")
    void jsonPath(JsonNode recorded) throws Exception {
        check(recorded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonataCases")
    void jsonata(JsonNode recorded) throws Exception {
        check(recorded);
    }

    private static void check(JsonNode recorded) throws Exception {
        ManualClock clock = new ManualClock();
        try (AslEngine engine = AslEngine.builder().clock(clock).build()) {
            String input = recorded.has("input") ? recorded.get("input").toString() : "{}";
            Execution ex = engine.start(engine.parse(recorded.get("definition").toString()), SM_ARN, "recorded",
                    input);
            drive(clock, ex);
            JsonNode expect = recorded.get("expect");
            String source = recorded.path("source").asText();
            assertThat(ex.status().name()).as("status (%s; error %s, cause %s)", source, ex.error().orElse(null),
                    ex.cause().orElse(null)).isEqualTo(expect.path("status").asText());
            if (expect.has("error")) {
                assertThat(ex.error().orElse(null)).as("error (%s)", source).isEqualTo(expect.get("error").asText());
            }
            if (expect.has("cause")) {
                assertThat(ex.cause().orElse(null)).as("cause (%s)", source).isEqualTo(expect.get("cause").asText());
            }
            if (expect.has("output")) {
                JsonNode actual = JSON.readTree(ex.output().orElse("null"));
                assertThat(matches(expect.get("output"), actual)).as("output %s matches %s (%s)", actual,
                        expect.get("output"), source).isTrue();
            }
        }
    }

    /** Lets the clock jump from deadline to deadline while the execution waits on it. */
    private static void drive(ManualClock clock, Execution ex) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (ex.status() == ExecutionStatus.RUNNING && System.nanoTime() < end) {
            if (clock.awaitWaiters(1, Duration.ofMillis(20))) {
                clock.advanceToNextDeadline();
            }
        }
        ex.await(WAIT);
    }

    /** Structural equality where an expected {@code "<any>"} matches any value; object member order is ignored. */
    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && ANY.equals(expected.textValue())) {
            return actual != null && !actual.isMissingNode();
        }
        if (expected.isObject()) {
            if (!actual.isObject() || actual.size() != expected.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!actual.has(f.getKey()) || !matches(f.getValue(), actual.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
