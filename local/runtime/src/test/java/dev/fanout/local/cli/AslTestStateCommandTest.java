package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AslTestStateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new FanoutCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private static final String MACHINE = """
            {"StartAt": "Charge", "States": {
              "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "OutputPath": "$.Payload",
                "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 3}],
                "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    @Test
    void printsTheTestStateAnswerOfAMockedTask() throws Exception {
        int code = run("asl", "test-state", file("m.asl.json", MACHINE), "--state", "Charge",
                "--input", file("in.json", "{\"amount\":5}"),
                "--mock", file("mock.json", "{\"result\": \"{\\\"Payload\\\":{\\\"paid\\\":5}}\"}"));

        assertThat(code).isZero();
        JsonNode answer = JSON.readTree(out.toString());
        assertThat(answer.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.get("output").asText()).isEqualTo("{\"paid\":5}");
        assertThat(answer.get("nextState").asText()).isEqualTo("Done");
    }

    @Test
    void aMockedErrorTheRetrierRetriesIsRetriableWithItsBackoff() throws Exception {
        run("asl", "test-state", file("m.asl.json", MACHINE), "--state", "Charge", "--inspection-level", "DEBUG",
                "--mock", file("mock.json", "{\"errorOutput\": {\"error\": \"Lambda.TooManyRequestsException\","
                        + " \"cause\": \"Rate exceeded\"}}"));

        JsonNode answer = JSON.readTree(out.toString());
        assertThat(answer.get("status").asText()).isEqualTo("RETRIABLE");
        assertThat(answer.get("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(answer.at("/inspectionData/errorDetails/retryBackoffIntervalSeconds").asInt()).isEqualTo(3);
    }

    @Test
    void anInvalidDefinitionExitsWithTheUsageCode() throws Exception {
        int code = run("asl", "test-state", file("bad.asl.json", "{\"StartAt\":\"X\",\"States\":{}}"), "--state", "X");

        assertThat(code).isEqualTo(FanoutCli.USAGE);
        assertThat(JSON.readTree(out.toString()).get("status").asText()).isEqualTo("INVALID");
    }

    @Test
    void aMissingStateIsAUsageError() throws Exception {
        int code = run("asl", "test-state", file("m.asl.json", MACHINE), "--state", "Nope");

        assertThat(code).isEqualTo(FanoutCli.USAGE);
        assertThat(err.toString()).contains("fanout asl test-state: The state machine has no state named 'Nope'");
    }
}
