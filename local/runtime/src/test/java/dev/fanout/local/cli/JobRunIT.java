package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code fanout run}'s job: it waits on the execution in this process, so it notices the job's end as it happens, not
 * at the next progress poll. Here the progress is asked for once a day: a run that found the end by polling would not
 * return within the test's timeout.
 */
class JobRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRuntime runtime;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalRuntimeOptions.builder().uploadTrigger(false).build());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void noticesTheEndOfTheJobWithoutPolling() throws Exception {
        byte[] text = "to be or not to be\nthat is the question\n".getBytes(StandardCharsets.UTF_8);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        JobRun run = new JobRun(runtime, new PrintWriter(stdout), new PrintWriter(stderr), out, false, false,
                Duration.ofDays(1));
        ObjectNode request = JSON.createObjectNode().put("jobType", "wordcount");

        int exit = run.run((rt, progress) -> {
            rt.s3().putObject(r -> r.bucket(rt.inputBucket()).key("uploads/job-run/words.txt"),
                    RequestBody.fromBytes(text));
            return new JobRun.Input("s3://" + rt.inputBucket() + "/uploads/job-run/words.txt", false, text.length);
        }, request);

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        String result = stdout.toString().lines().filter(l -> l.startsWith("result: ")).findFirst().orElseThrow()
                .substring("result: ".length());
        assertThat(JSON.readTree(Files.readString(Path.of(result)))).isEqualTo(JSON.readTree(
                "{\"be\":2,\"is\":1,\"not\":1,\"or\":1,\"question\":1,\"that\":1,\"the\":1,\"to\":2}"));
        assertThat(run.phases()).containsKeys("input", "job", "output", "split", "map", "reduce");
    }
}
