package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar on its own: shading mistakes (a lost log4j plugin cache, unmerged ServiceLoader files, a
 * dependency left out) only show when the jar runs without the build's class path.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "lambda", "fanout-lambda.jar");

    @Test
    void holdsNoNettyOrApacheHttpClient() throws IOException {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            System.out.printf("fanout-lambda.jar: %,d bytes, %,d entries%n", Files.size(JAR), names.size());
            assertThat(names).noneMatch(n -> n.startsWith("io/netty/"))
                    .noneMatch(n -> n.startsWith("org/apache/http/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache"))
                    .noneMatch(n -> n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA"))
                    .contains("dev/fanout/lambda/WorkerHandler.class", "log4j2.xml",
                            "META-INF/services/dev.fanout.core.job.Job");
        }
    }

    @Test
    void runsHandlersAndLogsJson_fromTheJarAlone() throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-cp", JAR.toString(), smokeSource().toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("JOBS [csv-aggregate, double, wordcount]");
        assertThat(output).contains("API 400 ").contains("\"field\":\"jobType\"");
        assertThat(output).contains("WORKER m-1");
        JsonNode logLine = output.lines().filter(l -> l.startsWith("{") && l.contains("\"level\""))
                .map(ShadedJarIT::parse).filter(n -> n.path("message").asText().startsWith("bad request"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line in:\n" + output));
        assertThat(logLine.path("level").asText()).isEqualTo("INFO");
        assertThat(logLine.has("timestamp")).isTrue();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path smokeSource() throws URISyntaxException {
        return Path.of(ShadedJarIT.class.getResource("/smoke/ShadedJarSmoke.java").toURI());
    }
}
