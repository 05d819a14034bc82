package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.testing.FakeExecutions;
import dev.fanout.core.testing.Fixture;
import dev.fanout.core.testing.Gzip;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code input.s3Prefix} at submission: confined to the input bucket, never empty, and checked early. */
class PrefixSubmissionTest {
    private final Fixture f = new Fixture();
    private final FakeExecutions executions = new FakeExecutions();
    private final AtomicInteger ids = new AtomicInteger();
    private final JobSubmission submission = new JobSubmission(f.blobs, executions, f.jobs, f.settings,
            () -> "id-" + ids.incrementAndGet());

    @AfterEach
    void close() {
        f.close();
    }

    private InvalidRequestException refused(String body) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(InvalidRequestException.class,
                () -> submission.submit(body));
    }

    @Test
    void startsAJobOverThePrefix() {
        f.blobs.put(Fixture.in("logs/2026/a.txt"), "a b");
        Submitted s = submission.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Prefix\":\"s3://in/logs/\"}}");
        JobRequest started = Json.read(executions.input(s.jobId()), JobRequest.class);
        assertThat(started.input()).isNull();
        assertThat(started.inputPrefix()).isEqualTo(new ObjectPrefix("in", "logs/"));
        assertThat(executions.input(s.jobId())).doesNotContain("\"input\":{").contains("\"inputPrefix\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3://other/logs/ | must be in the input bucket s3://in/",
            "s3://in/        | names no prefix",
            "s3://in         | names no prefix",
            "in/logs/        | must be an S3 URI",
            "s3:///logs/     | must be an S3 URI"})
    void refusesAPrefixOutsideTheInputBucketOrNone(String uri, String problem) {
        InvalidRequestException e = refused("{\"jobType\":\"wordcount\",\"input\":{\"s3Prefix\":\"" + uri + "\"}}");
        assertThat(e.field()).isEqualTo("input.s3Prefix");
        assertThat(e.problem()).contains(problem);
    }

    @Test
    void refusesAPrefixWithNoObject_as400() {
        InvalidRequestException e = refused("{\"jobType\":\"grep\",\"input\":{\"s3Prefix\":\"s3://in/none/\"},"
                + "\"options\":{\"pattern\":\"x\"}}");
        assertThat(e.field()).isEqualTo("input.s3Prefix");
        assertThat(e.problem()).contains("no object is under s3://in/none/");
    }

    @Test
    void acceptsAPrefixOfOnlyEmptyObjects_whichGivesAnEmptyResult() {
        f.blobs.put(Fixture.in("hollow/"), "");
        assertThat(submission.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Prefix\":\"s3://in/hollow/\"}}")
                .jobId()).isEqualTo("id-1");
    }

    @Test
    void refusesMoreThanOneInput_andAJsonArrayJobOverAPrefix() {
        f.blobs.put(Fixture.in("n/a.json"), "[1]");
        assertThat(refused("{\"jobType\":\"wordcount\",\"input\":{\"s3Prefix\":\"s3://in/n/\",\"s3Uri\":"
                + "\"s3://in/n/a.json\"}}").problem()).contains("exactly one of input.s3Uri, input.s3Prefix");
        assertThat(refused("{\"jobType\":\"double\",\"input\":{\"s3Prefix\":\"s3://in/n/\"}}").problem())
                .contains("reads one JSON array");
    }

    @Test
    void checksTheFirstObjectsHeader_gzipOrNot() {
        f.blobs.put(Fixture.in("sales/1.csv.gz"), Gzip.of("city,amount\noslo,1\n"), "application/gzip", Map.of());
        assertThat(refused("{\"jobType\":\"csv-aggregate\",\"input\":{\"s3Prefix\":\"s3://in/sales/\"},"
                + "\"options\":{\"group-by\":\"town\",\"value\":\"amount\"}}").field()).isEqualTo("options.group-by");
        assertThat(submission.submit("{\"jobType\":\"csv-aggregate\",\"input\":{\"s3Prefix\":\"s3://in/sales/\"},"
                + "\"options\":{\"group-by\":\"city\",\"value\":\"amount\"}}").jobId()).startsWith("id-");
    }

    @Test
    void refusesAGzipJsonArray_andOversizedOptions() {
        f.blobs.put(Fixture.in("n.json.gz"), Gzip.of("[1,2]"), "application/gzip", Map.of());
        assertThat(refused("{\"jobType\":\"double\",\"input\":{\"s3Uri\":\"s3://in/n.json.gz\"}}").problem())
                .contains("gzip-compressed");
        f.blobs.put(Fixture.in("t.txt"), "x");
        JobSubmission roomy = new JobSubmission(f.blobs, executions, f.jobs, f.settings.withLimits(Limits.defaults()),
                () -> "big");
        InvalidRequestException big = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidRequestException.class, () -> roomy.submit("{\"jobType\":\"grep\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},"
                + "\"options\":{\"pattern\":\"" + "a".repeat(Limits.MAX_OPTIONS_BYTES) + "\"}}"));
        assertThat(big.field()).isEqualTo("options");
    }

    @Test
    void validatesGrepsPatternAtSubmission() {
        f.blobs.put(Fixture.in("t.txt"), "x");
        InvalidRequestException e = refused("{\"jobType\":\"grep\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},"
                + "\"options\":{\"pattern\":\"(unclosed\"}}");
        assertThat(e.field()).isEqualTo("options.pattern");
        assertThat(e.problem()).contains("not a valid Java regular expression");
        assertThatThrownBy(() -> submission.submit("{\"jobType\":\"grep\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"}}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.pattern");
    }
}
