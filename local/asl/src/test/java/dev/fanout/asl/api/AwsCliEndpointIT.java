package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.ExecutionStatus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the endpoint with the AWS CLI, a client no one here wrote: create, start, describe, history, Map Runs and
 * their children, test-state and validate-state-machine-definition. Skipped, with a message, where {@code aws} is not
 * installed.
 */
class AwsCliEndpointIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/StepFunctions";
    private static final String DISTRIBUTED = """
            {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "Label": "Fan",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Double", "States": {"Double": {"Type": "Pass",
                  "Parameters": {"v.$": "States.MathAdd($.n, $.n)"}, "End": true}}},
              "End": true}}}
            """;

    private static AslEngine engine;
    private static StepFunctionsServer server;
    private static StepFunctionsService service;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        assumeTrue(awsCliInstalled(), "the AWS CLI ('aws') is not installed: the endpoint is not checked with it");
        engine = AslEngine.builder().build();
        service = new StepFunctionsService(engine);
        server = StepFunctionsServer.start(service, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            engine.close();
        }
    }

    private static boolean awsCliInstalled() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "aws"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code aws stepfunctions ARGS --endpoint-url ...} and parses its JSON output. */
    private static JsonNode aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "stepfunctions"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        // TestState's endpoint carries the host prefix "sync-" (AWS's service model), which 127.0.0.1 cannot take
        env.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        Path stdout = dir.resolve("aws.out");
        Path stderr = dir.resolve("aws.err");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = pb.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws %s finished", args[0]).isTrue();
        assertThat(process.exitValue()).as("aws %s: %s %s", args[0], Files.readString(stderr), Files.readString(stdout))
                .isZero();
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
    }

    private static String file(String name, String content) throws IOException {
        return "file://" + Files.writeString(dir.resolve(name), content);
    }

    @Test
    void runsADistributedMapAndAddressesItsChildren() throws Exception {
        String machineArn = aws("create-state-machine", "--name", "fan", "--role-arn", ROLE,
                "--definition", file("fan.json", DISTRIBUTED)).get("stateMachineArn").asText();
        String executionArn = aws("start-execution", "--state-machine-arn", machineArn, "--name", "run-1",
                "--input", "{\"items\":[{\"n\":1},{\"n\":2},{\"n\":3}]}").get("executionArn").asText();
        assertThat(service.describeExecution(executionArn).await(Duration.ofSeconds(30)))
                .isEqualTo(ExecutionStatus.SUCCEEDED);

        JsonNode described = aws("describe-execution", "--execution-arn", executionArn);
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(described.get("output").asText()))
                .isEqualTo(JSON.readTree("[{\"v\":2},{\"v\":4},{\"v\":6}]"));
        List<String> types = new ArrayList<>();
        aws("get-execution-history", "--execution-arn", executionArn).get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("MapRunStarted", "MapRunSucceeded", "ExecutionSucceeded");

        JsonNode runs = aws("list-map-runs", "--execution-arn", executionArn).get("mapRuns");
        assertThat(runs).hasSize(1);
        String mapRunArn = runs.get(0).get("mapRunArn").asText();
        JsonNode mapRun = aws("describe-map-run", "--map-run-arn", mapRunArn);
        assertThat(mapRun.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(mapRun.at("/executionCounts/succeeded").asInt()).isEqualTo(3);

        JsonNode children = aws("list-executions", "--map-run-arn", mapRunArn).get("executions");
        assertThat(children).hasSize(3);
        String child = children.get(0).get("executionArn").asText();
        assertThat(child).contains(":execution:fan/Fan:");
        JsonNode childDescribed = aws("describe-execution", "--execution-arn", child);
        assertThat(childDescribed.get("mapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(childDescribed.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(aws("get-execution-history", "--execution-arn", child).get("events").get(0).get("type").asText())
                .isEqualTo("ExecutionStarted");
    }

    @Test
    void testStateAnswersAMockedTaskAsAwsDoes() throws Exception {
        String task = """
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "OutputPath": "$.Payload",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}], "Next": "Done"}
                """;

        JsonNode ok = aws("test-state", "--definition", task, "--input", "{\"a\":1}", "--inspection-level", "DEBUG",
                "--mock", "{\"result\": \"{\\\"Payload\\\": {\\\"b\\\": 2}}\"}");
        JsonNode caught = aws("test-state", "--definition", task, "--mock",
                "{\"errorOutput\": {\"error\": \"Boom\", \"cause\": \"it broke\"}}");

        assertThat(ok.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(ok.get("output").asText())).isEqualTo(JSON.readTree("{\"b\":2}"));
        assertThat(ok.get("nextState").asText()).isEqualTo("Done");
        assertThat(JSON.readTree(ok.at("/inspectionData/afterParameters").asText()))
                .isEqualTo(JSON.readTree("{\"FunctionName\":\"f\",\"Payload\":{\"a\":1}}"));
        assertThat(caught.get("status").asText()).isEqualTo("CAUGHT_ERROR");
        assertThat(caught.get("nextState").asText()).isEqualTo("Handle");
        assertThat(caught.get("error").asText()).isEqualTo("Boom");
    }

    @Test
    void validatesDefinitionsWithDiagnostics() throws Exception {
        JsonNode bad = aws("validate-state-machine-definition", "--definition",
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}");
        JsonNode good = aws("validate-state-machine-definition", "--definition",
                file("pipeline.asl.json", Files.readString(Path.of("../../statemachines/pipeline.asl.json"))));

        assertThat(bad.get("result").asText()).isEqualTo("FAIL");
        assertThat(bad.get("diagnostics").get(0).get("code").asText()).isEqualTo("MISSING_TRANSITION_TARGET");
        assertThat(bad.get("diagnostics").get(0).get("location").asText()).isEqualTo("/States/A/Next");
        assertThat(good.get("result").asText()).as("the pipeline's ASL: %s", good).isEqualTo("OK");
        assertThat(good.get("diagnostics")).isEmpty();
    }
}
