package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeploymentSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/**
 * An independent check of the synthesized template: AWS's CloudFormation linter ({@code cfn-lint}), which validates
 * every resource against CloudFormation's schemas and the state machine's definition against Step Functions'.
 * Runs where {@code cfn-lint} is on the PATH, and is skipped with a message where it is not
 * ({@code pip install cfn-lint}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CfnLintIT {

    static final String COMMAND = "cfn-lint";
    private static final long TIMEOUT_MINUTES = 5;

    private JsonNode findings;

    @BeforeAll
    void lint(@TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(installed(), COMMAND + " is not installed (not on the PATH): the independent template "
                + "check is skipped; install it with 'pip install cfn-lint' to run it");
        Path template = dir.resolve("Fanout.template.json");
        ObjectMapper mapper = new ObjectMapper();
        mapper.writeValue(template.toFile(), Template.fromStack(SynthesizedStack.create(DeploymentSettings.defaults()))
                .toJSON());
        Path out = dir.resolve("cfn-lint.json");
        Process process = new ProcessBuilder(COMMAND, "--format", "json", "--non-zero-exit-code", "none", "--",
                template.toString())
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("cfn-lint.err").toFile())
                .start();
        assertThat(process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)).as(COMMAND + " finished").isTrue();
        assertThat(process.exitValue()).as(COMMAND + " exit code; stderr: "
                + Files.readString(dir.resolve("cfn-lint.err"), StandardCharsets.UTF_8)).isZero();
        findings = mapper.readTree(out.toFile());
    }

    @Test
    void reportsNoErrorOnTheSynthesizedTemplate() {
        assertThat(findings.isArray()).isTrue();
        assertThat(ofLevel("Error")).isEmpty();
    }

    /**
     * Only W3005 ("dependency already enforced"), on the DependsOn the CDK itself adds from a function to its role's
     * policy, is accepted; any other warning is a finding to fix.
     */
    @Test
    void warnsOnlyAboutTheCdksOwnRedundantDependsOn() {
        assertThat(ofLevel("Warning")).allMatch(f -> f.startsWith("W3005 "));
    }

    private List<String> ofLevel(String level) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            if (f.path("Level").asText().equals(level)) {
                out.add(f.at("/Rule/Id").asText() + " " + f.path("Message").asText() + " at "
                        + f.at("/Location/Path"));
            }
        }
        return out;
    }

    private static boolean installed() {
        try {
            Process p = new ProcessBuilder(COMMAND, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
