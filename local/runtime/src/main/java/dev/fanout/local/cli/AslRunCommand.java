package dev.fanout.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.InvalidDefinitionException;
import dev.fanout.asl.StateMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fanout asl run DEFINITION.json [--input FILE.json]}: one execution in real time, without integrations
 * (Task states fail with the engine's error). Prints one JSON object on stdout: {@code {"status":"SUCCEEDED",
 * "output":...}}, or the status with {@code error} and {@code cause}; exit code 0. A definition Step Functions
 * would reject prints {@code {"status":"INVALID","error":"States.InvalidDefinition","cause":...}}, exit code 2.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs one execution of a state machine definition and prints its result as JSON.")
final class AslRunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FOREVER = Duration.ofDays(365);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEFINITION.json", description = "The state machine definition (ASL).")
    private Path definition;

    @Option(names = "--input", paramLabel = "FILE.json", description = "The execution input (default: {}).")
    private Path input;

    @Override
    public Integer call() throws InterruptedException {
        Optional<String> definitionText = read(definition, "definition");
        if (definitionText.isEmpty()) {
            return FanoutCli.USAGE;
        }
        Optional<String> inputText = input == null ? Optional.of("{}") : read(input, "input").flatMap(this::json);
        if (inputText.isEmpty()) {
            return FanoutCli.USAGE;
        }
        try (AslEngine engine = AslEngine.builder().build()) {
            StateMachine machine;
            try {
                machine = engine.parse(definitionText.get());
            } catch (InvalidDefinitionException e) {
                print(result("INVALID").put("error", "States.InvalidDefinition").put("cause", e.getMessage()));
                return FanoutCli.USAGE;
            }
            String name = machineName(definition);
            String machineArn = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":stateMachine:" + name;
            Execution execution = engine.start(machine, machineArn, UUID.randomUUID().toString(), inputText.get());
            while (execution.await(FOREVER) == ExecutionStatus.RUNNING) {
                // keep waiting: a definition may legitimately run for a very long time
            }
            print(outcome(execution));
            return 0;
        }
    }

    private ObjectNode outcome(Execution execution) {
        ExecutionStatus status = execution.status();
        ObjectNode result = result(status.name());
        if (status == ExecutionStatus.SUCCEEDED) {
            result.set("output", parse(execution.output().orElse("null")));
        } else {
            result.put("error", execution.error().orElse(null));
            result.put("cause", execution.cause().orElse(null));
        }
        return result;
    }

    private static ObjectNode result(String status) {
        return JSON.createObjectNode().put("status", status);
    }

    private void print(ObjectNode result) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.toString());
        out.flush();
    }

    private Optional<String> read(Path file, String what) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return usageError("cannot read the " + what + " file " + file + ": " + describe(e));
        }
    }

    private Optional<String> json(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                return usageError("the input file " + input + " is empty; it must hold one JSON value");
            }
            return Optional.of(text);
        } catch (JsonProcessingException e) {
            return usageError("the input file " + input + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private <T> Optional<T> usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout asl run: " + message);
        err.flush();
        return Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine returned output that is not JSON: " + json, e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** A state machine name from the file name: {@code my-flow.asl.json} runs as {@code my-flow}. */
    static String machineName(Path definition) {
        String file = definition.getFileName().toString().replaceFirst("(\\.asl)?\\.json$", "");
        String name = file.replaceAll("[^A-Za-z0-9_.+=@-]", "-");
        if (name.isEmpty()) {
            name = "state-machine";
        }
        return name.length() > 80 ? name.substring(0, 80) : name;
    }
}
