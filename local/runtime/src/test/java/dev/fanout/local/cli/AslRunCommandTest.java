package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AslRunCommandTest {
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

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private JsonNode stdoutJson() throws Exception {
        assertThat(out.toString().lines()).hasSize(1);
        return JSON.readTree(out.toString());
    }

    private static final String PASS = """
            {"StartAt": "Greet", "States": {"Greet": {
              "Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"}, "End": true}}}
            """;

    @Nested
    class Outcomes {
        @Test
        void printsSucceededWithTheOutputAsJson() throws Exception {
            int code = run("asl", "run", file("greet.asl.json", PASS).toString(),
                    "--input", file("in.json", "{\"name\":\"Ada\"}").toString());

            assertThat(code).isZero();
            JsonNode result = stdoutJson();
            assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(result.get("output")).isEqualTo(JSON.readTree("{\"greeting\":\"Hello, Ada!\"}"));
        }

        @Test
        void runsWithEmptyObjectInputWhenNoneIsGiven() throws Exception {
            Path definition = file("echo.json", """
                    {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}""");

            assertThat(run("asl", "run", definition.toString())).isZero();
            assertThat(stdoutJson().get("output")).isEqualTo(JSON.createObjectNode());
        }

        @Test
        void printsFailedWithErrorAndCauseOfAFailState() throws Exception {
            Path definition = file("fail.json", """
                    {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Broken", "Cause": "it broke"}}}""");

            int code = run("asl", "run", definition.toString());

            assertThat(code).isZero();
            assertThat(stdoutJson()).isEqualTo(JSON.readTree(
                    "{\"status\":\"FAILED\",\"error\":\"Custom.Broken\",\"cause\":\"it broke\"}"));
        }

        @Test
        void printsInvalidAndExitsTwoForADefinitionStepFunctionsRejects() throws Exception {
            Path definition = file("bad.json", """
                    {"StartAt": "Missing", "States": {"Only": {"Type": "Succeed"}}}""");

            int code = run("asl", "run", definition.toString());

            assertThat(code).isEqualTo(2);
            JsonNode result = stdoutJson();
            assertThat(result.get("status").asText()).isEqualTo("INVALID");
            assertThat(result.get("error").asText()).isEqualTo("States.InvalidDefinition");
            assertThat(result.get("cause").asText()).contains("Missing");
        }

        @Test
        void treatsADefinitionThatIsNotJsonAsInvalid() throws Exception {
            int code = run("asl", "run", file("garbage.json", "{not json").toString());

            assertThat(code).isEqualTo(2);
            assertThat(stdoutJson().get("status").asText()).isEqualTo("INVALID");
        }
    }

    @Nested
    class BadUsage {
        @Test
        void missingDefinitionFileIsOneLineOnStderrAndExitTwo() {
            int code = run("asl", "run", dir.resolve("nope.json").toString());

            assertThat(code).isEqualTo(2);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString().lines()).singleElement().asString()
                    .contains("nope.json").contains("no such file");
        }

        @Test
        void inputThatIsNotJsonIsOneLineOnStderrAndExitTwo() throws Exception {
            Path definition = file("echo.json", "{}");
            Path input = file("in.json", "{\"a\": ");

            int code = run("asl", "run", definition.toString(), "--input", input.toString());

            assertThat(code).isEqualTo(2);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString().lines()).singleElement().asString()
                    .contains("in.json").contains("not valid JSON");
        }

        @Test
        void missingInputFileIsOneLineOnStderrAndExitTwo() throws Exception {
            int code = run("asl", "run", file("echo.json", "{}").toString(), "--input",
                    dir.resolve("missing-input.json").toString());

            assertThat(code).isEqualTo(2);
            assertThat(err.toString().lines()).singleElement().asString().contains("missing-input.json");
        }

        @Test
        void missingDefinitionArgumentIsAUsageErrorOnOneLine() {
            CommandLine cli = FanoutCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            int code = cli.execute("asl", "run");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString().lines()).singleElement().asString()
                    .startsWith("fanout: ").contains("DEFINITION.json").contains("fanout asl run --help");
        }
    }

    @Test
    void namesTheStateMachineAfterTheFile() {
        assertThat(AslRunCommand.machineName(Path.of("/x/my-flow.asl.json"))).isEqualTo("my-flow");
        assertThat(AslRunCommand.machineName(Path.of("odd name#1.json"))).isEqualTo("odd-name-1");
    }
}
