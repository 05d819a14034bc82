package dev.fanout.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Worker.Disposition;
import dev.fanout.core.pipeline.Worker.Kind;
import dev.fanout.core.testing.Fixture;
import dev.fanout.core.testing.RecordingCallbacks.Call;
import dev.fanout.core.testing.RecordingQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkerTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private List<Chunk> plan(String jobType, String key, String content, long chunkSize, Map<String, String> options) {
        f.blobs.put(Fixture.in(key), content);
        SplitPlan plan = f.splitter().split(Fixture.request("job1", jobType, key, chunkSize, 2, options));
        return f.manifest(plan);
    }

    private List<Chunk> wordcountChunks() {
        return plan("wordcount", "t.txt", "one two!\nthree one\nfour\n", 9, Map.of());
    }

    private static ObjectLocation partial(int index) {
        return new ObjectLocation("work", Keys.partial("job1", index));
    }

    private static ObjectLocation failureRecord(int index) {
        return new ObjectLocation("work", Keys.failure("job1", index));
    }

    @Nested
    class Success {
        @Test
        void checksTheTokenThenWritesThePartialWithItsNumbersThenReportsSuccess() {
            Chunk chunk = wordcountChunks().get(1); // bytes [9,18): the line "three one" starts at 9
            Worker.Outcome outcome = f.process(chunk, 1);

            assertThat(outcome.disposition()).isEqualTo(Disposition.DELETE);
            assertThat(outcome.kind()).isEqualTo(Kind.SUCCEEDED);
            assertThat(new WordCountPartial(f.blobs.stored(partial(1)).orElseThrow().body()).counts())
                    .isEqualTo(Map.of("three", 1L, "one", 1L));
            assertThat(f.blobs.stored(partial(1)).orElseThrow().metadata())
                    .containsEntry("records", "1").containsEntry("bytes", "9").containsEntry("receive-count", "1")
                    .containsEntry("skipped-records", "0");
            assertThat(f.callbacks.calls()).extracting(Call::kind).containsExactly("heartbeat", "succeed");
            Call success = f.callbacks.calls("succeed").get(0);
            assertThat(success.token()).isEqualTo("token-1");
            ChunkResult reported = Json.read(success.output(), ChunkResult.class);
            assertThat(reported).isEqualTo(new ChunkResult(1, partial(1), 1, 0, 9, 0, 1));
            assertThat(f.queue.redeliveries()).isEmpty();
            assertThat(f.queue.deadLetters()).isEmpty();
        }

        @Test
        void answersFromAStoredPartial_withoutRunningTheChunkAgain() {
            Chunk chunk = wordcountChunks().get(0);
            f.process(chunk, 1);
            byte[] first = f.blobs.stored(partial(0)).orElseThrow().body();
            int readsBefore = f.blobs.gets();

            Worker.Outcome again = f.process(chunk, 2); // a duplicate, or the retry after a crash after writing

            assertThat(again.disposition()).isEqualTo(Disposition.DELETE);
            assertThat(again.kind()).isEqualTo(Kind.SUCCEEDED_REUSED);
            assertThat(f.blobs.gets() - readsBefore).as("only the partial's metadata is read").isEqualTo(1);
            assertThat(f.blobs.stored(partial(0)).orElseThrow().body()).isEqualTo(first);
            assertThat(f.blobs.stored(partial(0)).orElseThrow().metadata()).containsEntry("receive-count", "1");
            List<Call> successes = f.callbacks.calls("succeed");
            assertThat(successes).hasSize(2);
            assertThat(successes.get(1).output()).isEqualTo(successes.get(0).output());
        }

        @Test
        void aRefusedSuccessCallbackStillDeletesTheMessage() {
            f.callbacks.rejectSuccess();
            Worker.Outcome outcome = f.process(wordcountChunks().get(0), 1);
            assertThat(outcome.disposition()).isEqualTo(Disposition.DELETE);
            assertThat(outcome.kind()).isEqualTo(Kind.SUCCEEDED_TOKEN_REJECTED);
            assertThat(outcome.error()).isEqualTo("TaskTimedOut");
            assertThat(f.blobs.stored(partial(0))).isPresent();
            assertThat(f.callbacks.calls("fail")).isEmpty();
        }

        @Test
        void heartbeatsEveryIntervalWhileWorkingAndStopsAfterwards() {
            f.blobs.onOpenRange(f.scheduler::fire);
            f.process(wordcountChunks().get(0), 1);

            assertThat(f.scheduler.tasks()).hasSize(1);
            assertThat(f.scheduler.tasks().get(0).periodMillis).isEqualTo(10_000); // a third of 30 s
            assertThat(f.scheduler.tasks().get(0).isCancelled()).isTrue();
            assertThat(f.callbacks.calls()).extracting(Call::kind)
                    .containsExactly("heartbeat", "heartbeat", "succeed");
            assertThat(f.callbacks.calls("heartbeat")).allSatisfy(c -> assertThat(c.token()).isEqualTo("token-0"));
        }

        @Test
        void stopsBeatingOnceTheInvocationsDeadlineHasPassed() {
            f.blobs.onOpenRange(() -> {
                f.remainingMillis.set(0); // the function timed out while reading: Lambda has killed the sandbox
                f.scheduler.fire();
                f.scheduler.fire();
            });
            f.process(wordcountChunks().get(0), 1);

            assertThat(f.callbacks.calls()).extracting(Call::kind).as("only the check before the run")
                    .containsExactly("heartbeat", "succeed");
            assertThat(f.scheduler.tasks().get(0).isCancelled()).isTrue();
        }

        @Test
        void skippedCsvRowsAreCountedInTheMetadata() {
            List<Chunk> chunks = plan("csv-aggregate", "s.csv", "k,v\na,1\nb,x\nc,3\n", 1000,
                    Map.of("group-by", "k", "value", "v", "on-bad-row", "skip"));
            f.process(chunks.get(0), 1);
            assertThat(f.blobs.stored(partial(0)).orElseThrow().metadata())
                    .containsEntry("records", "3").containsEntry("skipped-records", "1");
        }
    }

    @Nested
    class StaleDeliveries {
        @Test
        void aDeliveryWhoseTokenIsNoLongerLiveIsDeletedWithoutRunning() {
            Chunk chunk = wordcountChunks().get(0);
            f.callbacks.rejectHeartbeatsAfter(0);
            int readsBefore = f.blobs.gets();

            Worker.Outcome outcome = f.process(chunk, 2);

            assertThat(outcome.disposition()).isEqualTo(Disposition.DELETE);
            assertThat(outcome.kind()).isEqualTo(Kind.STALE);
            assertThat(outcome.error()).isEqualTo("TaskTimedOut");
            assertThat(f.blobs.gets()).as("nothing was read").isEqualTo(readsBefore);
            assertThat(f.blobs.stored(partial(0))).isEmpty();
            assertThat(f.callbacks.calls()).extracting(Call::kind).containsExactly("heartbeat");
        }

        @Test
        void aFailingLivenessCheckDoesNotBlockTheRun() {
            f.callbacks.failNextHeartbeats(1);
            Worker.Outcome outcome = f.process(wordcountChunks().get(0), 1);
            assertThat(outcome.kind()).isEqualTo(Kind.SUCCEEDED);
            assertThat(f.blobs.stored(partial(0))).isPresent();
        }
    }

    @Nested
    class TransientFailures {
        @Test
        void areRetriedAfterAnExponentialBackoffWithAFreshHeartbeat() {
            Chunk chunk = wordcountChunks().get(0);
            f.blobs.makeUnavailable(Fixture.in("t.txt"));

            Worker.Outcome first = f.process(chunk, 1);
            Worker.Outcome second = f.process(chunk, 2);

            assertThat(List.of(first, second)).allSatisfy(o -> {
                assertThat(o.disposition()).isEqualTo(Disposition.RETRY);
                assertThat(o.kind()).isEqualTo(Kind.RETRYING);
                assertThat(o.error()).isEqualTo(StorageUnavailableException.class.getName());
            });
            // the fixture's jitter draws the longest delay: base 1 s after the first receive, doubled after the second
            assertThat(f.queue.redeliveries()).containsExactly(
                    new RecordingQueue.Redelivery("receipt-0-1", Duration.ofSeconds(1)),
                    new RecordingQueue.Redelivery("receipt-0-2", Duration.ofSeconds(2)));
            assertThat(second.retryDelay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(f.callbacks.calls()).extracting(Call::kind).as("the check, then the beat before the backoff")
                    .containsExactly("heartbeat", "heartbeat", "heartbeat", "heartbeat");
            assertThat(f.blobs.stored(failureRecord(0))).isEmpty();
            assertThat(f.queue.deadLetters()).isEmpty();
        }

        @Test
        void areReportedAndDeadLetteredOnTheLastReceive() {
            Chunk chunk = wordcountChunks().get(0);
            f.blobs.makeUnavailable(Fixture.in("t.txt"));

            Worker.Outcome last = f.process(chunk, 3);

            assertThat(last.disposition()).isEqualTo(Disposition.DELETE);
            assertThat(last.kind()).isEqualTo(Kind.FAILED_LAST_RECEIVE);
            assertThat(f.callbacks.calls("fail")).singleElement().satisfies(c -> {
                assertThat(c.error()).isEqualTo("dev.fanout.core.error.StorageUnavailableException");
                assertThat(c.token()).isEqualTo("token-0");
            });
            assertThat(f.blobs.stored(failureRecord(0))).isPresent();
            assertThat(f.queue.redeliveries()).isEmpty();
            assertThat(f.queue.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.body()).isEqualTo(Fixture.message(chunk));
                assertThat(d.attributes()).containsEntry("fanout-job-id", "job1")
                        .containsEntry("fanout-chunk-index", "0")
                        .containsEntry("fanout-error", "dev.fanout.core.error.StorageUnavailableException");
            });
        }

        @Test
        void aFailedSuccessCallbackIsRetried_andTheRetryAnswersFromThePartial() {
            Chunk chunk = wordcountChunks().get(0);
            f.callbacks.failNextSuccesses(1);

            Worker.Outcome first = f.process(chunk, 1);
            Worker.Outcome second = f.process(chunk, 2);

            assertThat(first.kind()).isEqualTo(Kind.RETRYING);
            assertThat(f.queue.redeliveries()).hasSize(1);
            assertThat(second.kind()).isEqualTo(Kind.SUCCEEDED_REUSED);
            assertThat(f.callbacks.calls("succeed")).hasSize(2);
        }

        @Test
        void aTokenThatDiedDuringTheRunDropsTheDeliveryInsteadOfPuttingItBack() {
            Chunk chunk = wordcountChunks().get(0);
            f.blobs.makeUnavailable(Fixture.in("t.txt"));
            f.callbacks.rejectHeartbeatsAfter(1); // live when checked, over when the worker wants to back off

            Worker.Outcome outcome = f.process(chunk, 1);

            assertThat(outcome.disposition()).isEqualTo(Disposition.DELETE);
            assertThat(outcome.kind()).isEqualTo(Kind.STALE);
            assertThat(f.queue.redeliveries()).isEmpty();
        }
    }

    @Nested
    class PermanentFailures {
        @Test
        void badDataIsReportedOnceAndDeadLetteredWithChunkUriAndOffsetButNoContent() {
            List<Chunk> chunks = plan("csv-aggregate", "s.csv", "k,v\na,1\nsecret,notanumber\n", 1000,
                    Map.of("group-by", "k", "value", "v"));
            Worker.Outcome outcome = f.process(chunks.get(0), 1);

            assertThat(outcome.disposition()).as("off the work queue: it is in the DLQ").isEqualTo(Disposition.DELETE);
            assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
            Call fail = f.callbacks.calls("fail").get(0);
            assertThat(f.callbacks.calls("fail")).hasSize(1);
            assertThat(fail.error()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
            assertThat(fail.cause()).contains("chunk 0 of 1", "s3://in/s.csv", "byte offset 8")
                    .doesNotContain("secret", "notanumber");
            FailureRecord record = Json.read(f.blobs.text(failureRecord(0)), FailureRecord.class);
            assertThat(record).isEqualTo(new FailureRecord(0, 1, "csv-aggregate", fail.error(), fail.cause(), 8L));
            assertThat(f.blobs.stored(partial(0))).isEmpty();
            assertThat(f.callbacks.calls("succeed")).isEmpty();
            assertThat(f.queue.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.body()).isEqualTo(Fixture.message(chunks.get(0)));
                assertThat(d.attributes()).containsEntry("fanout-chunk-index", "0")
                        .containsEntry("fanout-error", "dev.fanout.core.error.MalformedRecordException");
                assertThat(d.attributes().get("fanout-cause")).contains("byte offset 8").doesNotContain("secret");
            });
            assertThat(f.queue.redeliveries()).isEmpty();
        }

        @Test
        void aChangedInputFailsPermanently() {
            Chunk chunk = wordcountChunks().get(0);
            f.blobs.put(Fixture.in("t.txt"), "changed content\n");
            Worker.Outcome outcome = f.process(chunk, 1);
            assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
            assertThat(f.callbacks.calls("fail").get(0).error())
                    .isEqualTo("dev.fanout.core.error.InputNotFoundException");
        }

        @Test
        void aFailureCallbackThatCannotBeSentIsRetriedLikeAnyTransientFailure() {
            List<Chunk> chunks = plan("double", "n.json", "[1,\"x\"]", 0, Map.of());
            f.callbacks.failCallbacksWith(new StorageUnavailableException("throttled", null));

            Worker.Outcome outcome = f.process(chunks.get(0), 1);

            assertThat(outcome.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(outcome.kind()).isEqualTo(Kind.RETRYING);
            assertThat(f.queue.redeliveries()).hasSize(1);
            assertThat(f.queue.deadLetters()).isEmpty();
        }

        @Test
        void onTheLastReceiveAFailureCallbackThatCannotBeSentIsNotedAndTheMessageStillDeadLettered() {
            List<Chunk> chunks = plan("double", "n.json", "[1,\"x\"]", 0, Map.of());
            f.callbacks.failCallbacksWith(new StorageUnavailableException("throttled", null));

            Worker.Outcome outcome = f.process(chunks.get(0), 3);

            assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
            assertThat(outcome.detail()).contains("SendTaskFailure failed");
            assertThat(f.queue.deadLetters()).hasSize(1);
        }

        @Test
        void whenTheDeadLetterQueueRefusesTheMessageIsLeftToSqs() {
            List<Chunk> chunks = plan("double", "n.json", "[1,\"x\"]", 0, Map.of());
            f.queue.failDeadLetters();

            Worker.Outcome outcome = f.process(chunks.get(0), 1);

            assertThat(outcome.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
            assertThat(outcome.detail()).contains("dead-letter queue failed");
            assertThat(f.callbacks.calls("fail")).hasSize(1);
        }

        @Test
        void anUnparseableBodyIsLeftForTheRedrivePolicyWithoutCallbacks() {
            for (String body : List.of("not json", "{}", "{\"taskToken\":\"t\"}", "[1]")) {
                Worker.Outcome outcome = f.process(body, 1);
                assertThat(outcome.disposition()).isEqualTo(Disposition.RETRY);
                assertThat(outcome.kind()).isEqualTo(Kind.UNPARSEABLE);
            }
            assertThat(f.callbacks.calls()).isEmpty();
            assertThat(f.queue.redeliveries()).isEmpty();
        }
    }

    /**
     * Reads a wordcount partial independently of the job class: the header FA 0B 'W' 01, an unsigned LEB128
     * count, then per word its LEB128 byte length, its UTF-8 bytes and its LEB128 count.
     */
    private record WordCountPartial(byte[] bytes) {
        Map<String, Long> counts() {
            assertThat(java.util.Arrays.copyOf(bytes, 4)).containsExactly(0xFA, 0x0B, 'W', 1);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, 4, bytes.length - 4);
            Map<String, Long> counts = new java.util.HashMap<>();
            for (long n = leb128(in); n > 0; n--) {
                byte[] word = new byte[(int) leb128(in)];
                in.get(word);
                counts.put(new String(word, UTF_8), leb128(in));
            }
            assertThat(in.hasRemaining()).isFalse();
            return counts;
        }

        private static long leb128(java.nio.ByteBuffer in) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = in.get();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }
    }
}
