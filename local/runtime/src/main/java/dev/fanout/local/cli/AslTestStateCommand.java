package dev.fanout.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.InvalidDefinitionException;
import dev.fanout.asl.TestStateRequest;
import dev.fanout.asl.TestStateResult;
import dev.fanout.asl.api.StepFunctionsException;
import dev.fanout.asl.api.TestStateWire;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fanout asl test-state DEFINITION.json --state NAME [--input FILE] [--mock FILE] [--inspection-level LEVEL]}:
 * Step Functions' TestState with the local engine, without integrations (a Task needs {@code --mock}). Prints the
 * TestState answer as the API sends it, one JSON object: {@code {"output":"...","nextState":"B","status":"SUCCEEDED"}};
 * exit code 0 whatever the status. A definition Step Functions would reject prints
 * {@code {"status":"INVALID","error":"States.InvalidDefinition","cause":...}}, exit code 2, as {@code asl run} does.
 */
@Command(name = "test-state",
        mixinStandardHelpOptions = true,
        description = "Tests one state of a definition (Step Functions TestState) and prints the answer as JSON.")
final class AslTestStateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEFINITION.json",
            description = "A state machine definition (ASL), or the definition of one state.")
    private Path definition;

    @Option(names = "--state", paramLabel = "NAME",
            description = "The state to test (required for a state machine definition).")
    private String state;

    @Option(names = "--input", paramLabel = "FILE.json", description = "The state's input (default: {}).")
    private Path input;

    @Option(names = "--mock", paramLabel = "FILE.json", description = "The TestState mock: {\"result\": \"<JSON "
            + "text>\"} or {\"errorOutput\": {\"error\": ..., \"cause\": ...}}, optionally \"fieldValidationMode\".")
    private Path mock;

    @Option(names = "--inspection-level", paramLabel = "LEVEL",
            description = "INFO (default), DEBUG or TRACE: DEBUG and TRACE show each data-processing step.")
    private TestStateRequest.InspectionLevel inspectionLevel;

    @Override
    public Integer call() {
        Optional<String> definitionText = read(definition, "definition");
        Optional<String> inputText = input == null ? Optional.of("{}") : read(input, "input");
        if (definitionText.isEmpty() || inputText.isEmpty()) {
            return FanoutCli.USAGE;
        }
        TestStateRequest.Mock mocked = null;
        if (mock != null) {
            Optional<TestStateRequest.Mock> m = read(mock, "mock").flatMap(this::mock);
            if (m.isEmpty()) {
                return FanoutCli.USAGE;
            }
            mocked = m.get();
        }
        TestStateRequest request = TestStateRequest.of(definitionText.get(), inputText.get()).withStateName(state)
                .withMock(mocked).withInspectionLevel(inspectionLevel);
        try (AslEngine engine = AslEngine.builder().build()) {
            TestStateResult result = engine.testState(request);
            print(TestStateWire.answer(result));
            return 0;
        } catch (InvalidDefinitionException e) {
            print(JSON.createObjectNode().put("status", "INVALID").put("error", "States.InvalidDefinition")
                    .put("cause", e.getMessage()));
            return FanoutCli.USAGE;
        } catch (IllegalArgumentException e) {
            usageError(e.getMessage());
            return FanoutCli.USAGE;
        }
    }

    private Optional<TestStateRequest.Mock> mock(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || !tree.isObject()) {
                return usageError("the mock file " + mock + " must hold a JSON object");
            }
            ObjectNode m = ((ObjectNode) tree).deepCopy();
            JsonNode result = m.get("result");
            if (result != null && !result.isTextual() && !result.isNull()) {
                m.put("result", result.toString()); // a JSON value given as such stands for its text
            }
            return Optional.of(TestStateWire.mock(m));
        } catch (JsonProcessingException e) {
            return usageError("the mock file " + mock + " is not valid JSON: " + e.getOriginalMessage());
        } catch (StepFunctionsException e) {
            return usageError("the mock file " + mock + ": " + e.getMessage());
        }
    }

    private void print(ObjectNode answer) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(answer.toString());
        out.flush();
    }

    private Optional<String> read(Path file, String what) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return usageError("cannot read the " + what + " file " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
        }
    }

    private <T> Optional<T> usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout asl test-state: " + message);
        err.flush();
        return Optional.empty();
    }
}
