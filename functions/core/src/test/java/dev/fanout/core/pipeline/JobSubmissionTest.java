package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.JobStatus;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.Executions.ExecutionView;
import dev.fanout.core.testing.FakeExecutions;
import dev.fanout.core.testing.Fixture;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSubmissionTest {
    private final Fixture f = new Fixture();
    private final FakeExecutions executions = new FakeExecutions();
    private final AtomicInteger ids = new AtomicInteger();
    private final JobSubmission submission = new JobSubmission(f.blobs, executions, f.jobs, f.settings,
            () -> "id-" + ids.incrementAndGet());

    @AfterEach
    void close() {
        f.close();
    }

    private JobRequest startedRequest(String jobId) {
        return Json.read(executions.input(jobId), JobRequest.class);
    }

    @Nested
    class Valid {
        @Test
        void startsAJobForAnS3Input() {
            f.blobs.put(Fixture.in("t.txt"), "a b c");
            Submitted submitted = submission.submit("""
                    {"jobType":"wordcount","input":{"s3Uri":"s3://in/t.txt"},"chunkSizeBytes":1024,
                     "maxConcurrency":5,"toleratedFailurePercentage":2.5}""");
            assertThat(submitted).isEqualTo(new Submitted("id-1", JobStatus.RUNNING, false));
            assertThat(startedRequest("id-1")).isEqualTo(new JobRequest("id-1", "wordcount", Fixture.in("t.txt"),
                    1024L, null, 5, 2.5, Map.of()));
        }

        @Test
        void writesInlineItemsExactlyToTheInputBucketFirst() {
            Submitted submitted = submission.submit("{\"jobType\":\"double\",\"input\":{\"items\":[1, 1.50, -2e3, "
                    + "123456789012345678901234567890]}}");
            ObjectLocation inline = new ObjectLocation("in", "inline/" + submitted.jobId() + ".json");
            assertThat(f.blobs.text(inline)).isEqualTo("[1,1.50,-2E+3,123456789012345678901234567890]");
            assertThat(startedRequest(submitted.jobId()).input()).isEqualTo(inline);
        }

        @Test
        void theSameClientTokenGivesOneJob() {
            f.blobs.put(Fixture.in("t.txt"), "a");
            String body = "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"clientToken\":\"abc-1.2_3\"}";
            Submitted first = submission.submit(body);
            Submitted second = submission.submit(body);
            assertThat(first.jobId()).startsWith("job-").hasSize(36).isEqualTo(second.jobId());
            assertThat(first.duplicate()).isFalse();
            assertThat(second.duplicate()).isTrue();
            assertThat(executions.startCalls()).hasSize(1);
            assertThat(submission.submit(body.replace("abc-1.2_3", "other")).jobId()).isNotEqualTo(first.jobId());
        }

        @Test
        void normalizesTheJobsOptions() {
            f.blobs.put(Fixture.in("s.csv"), "city,amount\nparis,1\n");
            Submitted s = submission.submit("{\"jobType\":\"csv-aggregate\",\"input\":{\"s3Uri\":\"s3://in/s.csv\"},"
                    + "\"options\":{\"group-by\":\"city\",\"value\":\"amount\"}}");
            assertThat(startedRequest(s.jobId()).options()).containsEntry("on-bad-row", "fail");
        }
    }

    @Nested
    class Invalid {
        private void rejects(String body, String field, String problem) {
            assertThatThrownBy(() -> submission.submit(body))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo(field);
                        assertThat(e.problem()).contains(problem);
                    });
            assertThat(executions.startCalls()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "not json|body|not valid JSON",
            "[1]|body|must be a JSON object",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"}} x|body|not valid JSON",
            "{\"jobType\":\"nope\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"}}|jobType|unknown job type 'nope'",
            "{\"input\":{\"s3Uri\":\"s3://in/t.txt\"}}|jobType|is required",
            "{\"jobType\":\"wordcount\"}|input|is required",
            "{\"jobType\":\"wordcount\",\"input\":{}}|input|exactly one",
            "{\"jobType\":\"double\",\"input\":{\"s3Uri\":\"s3://in/t.txt\",\"items\":[]}}|input|exactly one",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\",\"x\":1}}|input.x|unknown field",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://elsewhere/t.txt\"}}|input.s3Uri|must be in the input bucket s3://in/",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"http://in/t.txt\"}}|input.s3Uri|S3 URI",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/missing.txt\"}}|input.s3Uri|does not exist",
            "{\"jobType\":\"double\",\"input\":{\"items\":{}}}|input.items|must be a JSON array",
            "{\"jobType\":\"wordcount\",\"input\":{\"items\":[1]}}|input.items|reads text",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"chunkSizeBytes\":-5}|chunkSizeBytes|must be between",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"chunkSizeBytes\":1e30}|chunkSizeBytes|whole number",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"chunkSizeBytes\":\"10\"}|chunkSizeBytes|whole number",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"chunkSizeBytes\":2}|chunkSizeBytes|at most 1000",
            "{\"jobType\":\"double\",\"input\":{\"items\":[1]},\"chunkSizeItems\":0}|chunkSizeItems|must be between",
            "{\"jobType\":\"double\",\"input\":{\"items\":[1,2,3]},\"chunkSizeItems\":1000000}|chunkSizeItems|must be between",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"maxConcurrency\":0}|maxConcurrency|between 1 and 10",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"maxConcurrency\":11}|maxConcurrency|between 1 and 10",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"toleratedFailurePercentage\":101}|toleratedFailurePercentage|0 to 100",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"toleratedFailurePercentage\":-1}|toleratedFailurePercentage|0 to 100",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"clientToken\":\"\"}|clientToken|1 to 64",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"clientToken\":\"a b\"}|clientToken|1 to 64",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"options\":[]}|options|must be an object",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"options\":{\"a\":\"b\"}}|options.a|takes no options",
            "{\"jobType\":\"csv-aggregate\",\"input\":{\"s3Uri\":\"s3://in/s.csv\"},\"options\":{\"group-by\":1}}|options.group-by|must be a string",
            "{\"jobType\":\"csv-aggregate\",\"input\":{\"s3Uri\":\"s3://in/s.csv\"},\"options\":{\"group-by\":\"town\",\"value\":\"amount\"}}|options.group-by|not in the header",
            "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/t.txt\"},\"priority\":1}|priority|unknown field",
        })
        void rejectsWithTheFieldAndTheProblem(String body, String field, String problem) {
            f.blobs.put(Fixture.in("t.txt"), "x".repeat(3000));
            f.blobs.put(Fixture.in("s.csv"), "city,amount\nparis,1\n");
            rejects(body, field, problem);
        }

        @Test
        void tooManyInlineItems() {
            String items = "[" + "1,".repeat(100) + "1]";
            rejects("{\"jobType\":\"double\",\"input\":{\"items\":" + items + "}}", "input.items", "at most 100");
        }

        @Test
        void aBodyLargerThanTheLimit() {
            rejects("{\"jobType\":\"double\",\"input\":{\"items\":[\"" + "é".repeat(2100) + "\"]}}", "body",
                    "larger than 4096 bytes");
        }

        @Test
        void duplicateKeys() {
            rejects("{\"jobType\":\"double\",\"jobType\":\"double\",\"input\":{\"items\":[]}}", "body", "not valid JSON");
        }
    }

    @Nested
    class Uploads {
        @Test
        void anUploadUnderAKnownJobTypeStartsOneJobEvenForADuplicateEvent() {
            ObjectLocation uploaded = new ObjectLocation("in", "incoming/wordcount/My Book (1).txt");
            Optional<Submitted> first = submission.submitUpload(uploaded, "\"etag1\"");
            Optional<Submitted> again = submission.submitUpload(uploaded, "\"etag1\"");
            assertThat(first).hasValueSatisfying(s -> {
                assertThat(s.jobId()).matches("up-My-Book--1--txt-[0-9a-f]{24}");
                assertThat(s.duplicate()).isFalse();
            });
            assertThat(again.orElseThrow().jobId()).isEqualTo(first.orElseThrow().jobId());
            executions.finish(new ExecutionView(first.get().jobId(), JobStatus.SUCCEEDED, Instant.EPOCH, Instant.EPOCH,
                    null, null, 1, 1, 0, null));
            assertThat(submission.submitUpload(uploaded, "\"etag1\"").orElseThrow())
                    .isEqualTo(new Submitted(first.get().jobId(), JobStatus.SUCCEEDED, true));
            assertThat(submission.submitUpload(uploaded, "\"etag2\"").orElseThrow().jobId())
                    .isNotEqualTo(first.get().jobId());
            assertThat(startedRequest(first.get().jobId()).input()).isEqualTo(uploaded);
        }

        @Test
        void aLongNameStillGivesAValidExecutionName() {
            String id = submission.submitUpload(new ObjectLocation("in", "incoming/wordcount/" + "n".repeat(300)), "e")
                    .orElseThrow().jobId();
            assertThat(id).matches("[A-Za-z0-9_-]{1,80}");
        }

        @Test
        void optionsComeFromNameValueFolders() {
            Submitted s = submission.submitUpload(new ObjectLocation("in",
                    "incoming/csv-aggregate/group-by=city/value=amount/2026/sales.csv"), "e").orElseThrow();
            assertThat(startedRequest(s.jobId()).options())
                    .isEqualTo(Map.of("group-by", "city", "value", "amount", "on-bad-row", "fail"));
        }

        @Test
        void otherKeysAreIgnored() {
            assertThat(submission.submitUpload(new ObjectLocation("in", "incoming/nope/a.txt"), "e")).isEmpty();
            assertThat(submission.submitUpload(new ObjectLocation("in", "incoming/wordcount/"), "e")).isEmpty();
            assertThat(submission.submitUpload(new ObjectLocation("in", "other/wordcount/a.txt"), "e")).isEmpty();
            assertThat(submission.submitUpload(new ObjectLocation("in", "incoming/wordcount"), "e")).isEmpty();
            assertThat(submission.submitUpload(new ObjectLocation("elsewhere", "incoming/wordcount/a"), "e")).isEmpty();
            assertThat(executions.startCalls()).isEmpty();
        }

        @Test
        void missingOptionsAreAnInvalidRequest() {
            assertThatThrownBy(() -> submission.submitUpload(new ObjectLocation("in", "incoming/csv-aggregate/s.csv"),
                    "e")).isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("options.group-by"));
        }
    }

    @Nested
    class Status {
        @Test
        void unknownJobsAndImpossibleIdsAreEmpty() {
            assertThat(submission.status("nope")).isEmpty();
            assertThat(submission.status("../etc")).isEmpty();
        }

        @Test
        void aRunningJobShowsItsProgress() {
            executions.start("j1", "{}");
            executions.finish(new ExecutionView("j1", JobStatus.RUNNING, Instant.parse("2026-01-01T00:00:00Z"), null,
                    null, null, 10, 4, 1, null));
            assertThat(submission.status("j1")).contains(new JobView("j1", JobStatus.RUNNING, null, 10, 4, 1,
                    Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null, null, null));
        }

        @Test
        void aFinishedJobShowsItsResultAndSummary() {
            f.blobs.put(Fixture.in("t.txt"), "a b a");
            f.run(Fixture.request("j1", "wordcount", "t.txt", null, null, Map.of()));
            executions.start("j1", "{}");
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            Instant stop = Instant.parse("2026-01-01T00:01:00Z");
            executions.finish(new ExecutionView("j1", JobStatus.SUCCEEDED, start, stop, null, null, 1, 1, 0,
                    "{\"resultUri\":\"s3://out/results/j1/result.json\",\"summaryUri\":\"s3://out/results/j1/summary.json\"}"));
            assertThat(submission.status("j1")).contains(new JobView("j1", JobStatus.SUCCEEDED, "wordcount", 1, 1, 0,
                    start, stop, "s3://out/results/j1/result.json", "s3://out/results/j1/summary.json", null, null,
                    false));
        }

        @Test
        void aFailedJobShowsErrorAndCause() {
            executions.start("j2", "{}");
            executions.finish(new ExecutionView("j2", JobStatus.FAILED, Instant.EPOCH, Instant.EPOCH, "E", "C", -1, -1,
                    -1, null));
            JobView view = submission.status("j2").orElseThrow();
            assertThat(view.error()).isEqualTo("E");
            assertThat(view.cause()).isEqualTo("C");
            assertThat(view.resultUri()).isNull();
            assertThat(view.summaryUri()).isNull();
        }

        @Test
        void aFailedJobShowsThePreciseCauseOfItsFailureReport_onceWritten() {
            executions.start("j3", "{}");
            executions.finish(new ExecutionView("j3", JobStatus.FAILED, Instant.EPOCH, Instant.EPOCH,
                    "States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded",
                    4, 3, 1, null));
            f.reducer().reportFailure("j3", "States.ExceedToleratedFailureThreshold", "threshold exceeded | 1 chunk "
                    + "failed: chunk 2 of 4 (s3://in/t.txt, bytes 10-20) at byte offset 12");

            JobView view = submission.status("j3").orElseThrow();

            assertThat(view.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
            assertThat(view.cause()).contains("chunk 2 of 4");
            assertThat(view.partial()).isFalse();
        }
    }

    @Nested
    class Redrive {
        @Test
        void aFailedJobGoesOn() {
            executions.start("j1", "{}");
            executions.finish(new ExecutionView("j1", JobStatus.FAILED, Instant.EPOCH, Instant.EPOCH, "E", "C", 2, 1,
                    1, null));

            assertThat(submission.redrive("j1").status()).isEqualTo(
                    dev.fanout.core.port.Executions.RedriveStatus.REDRIVEN);
            assertThat(submission.status("j1").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        }

        @Test
        void aRunningJobIsNotRedrivable_andAnUnknownOrImpossibleIdIsNotFound() {
            executions.start("j2", "{}");
            assertThat(submission.redrive("j2").reason()).isEqualTo("Execution is RUNNING and cannot be redriven");
            assertThat(submission.redrive("nope").status()).isEqualTo(
                    dev.fanout.core.port.Executions.RedriveStatus.NOT_FOUND);
            assertThat(submission.redrive("../etc").status()).isEqualTo(
                    dev.fanout.core.port.Executions.RedriveStatus.NOT_FOUND);
        }
    }
}
