package dev.fanout.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import dev.fanout.core.testing.Fixture;
import dev.fanout.core.testing.Gzip;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A map-only job ({@code grep}): parts committed whole, one per chunk that wrote records, and a manifest last. */
class MapOnlyJobsTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private SplitPlan plan(String jobId) {
        f.blobs.put(Fixture.in("logs/a.log"), "INFO up\nERROR disk full\nINFO ok\n");
        f.blobs.put(Fixture.in("logs/b.log"), "INFO nothing to see\n".repeat(3));
        f.blobs.put(Fixture.in("logs/c.log.gz"), Gzip.of("ERROR \"quoted\" naïve\nINFO\nERROR again\n"),
                "application/gzip", Map.of());
        return f.splitter().split(new JobRequest(jobId, "grep", null, 32L, null, null, 0, Map.of("pattern", "ERROR"),
                new ObjectPrefix(Fixture.IN, "logs/")));
    }

    private ChunkRun chunkRun(BlobStore blobs) {
        return new ChunkRun(blobs, f.jobs, Fixture.WORK, f.clock);
    }

    private String text(String key) {
        return f.blobs.text(new ObjectLocation(Fixture.OUT, key));
    }

    @Test
    void eachChunkCommitsItsPart_andTheManifestListsThemInChunkOrder() throws IOException {
        SplitPlan plan = plan("g1");
        List<Chunk> chunks = f.manifest(plan);
        assertThat(chunks).allSatisfy(c -> assertThat(c.output().key()).isEqualTo(
                "results/g1/part-" + String.format("%06d", c.index()) + ".jsonl"));
        for (Chunk chunk : chunks) {
            chunkRun(f.blobs).run(chunk, 1);
        }
        ReduceResult reduced = f.reducer().reduce(plan);

        JsonNode manifest = Json.mapper().readTree(f.blobs.text(ObjectLocation.parseUri(reduced.resultUri(), "r")));
        List<String> keys = new ArrayList<>();
        manifest.path("parts").forEach(p -> keys.add(p.path("key").asText()));
        // b.log has no match: its chunk wrote no part
        assertThat(f.blobs.keys(Fixture.OUT)).filteredOn(k -> k.contains("/part-")).containsExactlyElementsOf(keys);
        assertThat(manifest.path("records").asLong()).isEqualTo(3);
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            lines.addAll(text(key).lines().toList());
        }
        assertThat(lines).containsExactly(
                "{\"key\":\"logs/a.log\",\"offset\":8,\"line\":\"ERROR disk full\"}",
                "{\"key\":\"logs/c.log.gz\",\"offset\":0,\"line\":\"ERROR \\\"quoted\\\" naïve\"}",
                "{\"key\":\"logs/c.log.gz\",\"offset\":27,\"line\":\"ERROR again\"}");
        manifest.path("parts").forEach(p -> assertThat(p.path("bytes").asLong())
                .isEqualTo(text(p.path("key").asText()).getBytes(UTF_8).length));
    }

    @Test
    void aDuplicatedChunkLeavesOneWholeCopyOfItsPart() {
        SplitPlan plan = plan("g2");
        Chunk first = f.manifest(plan).getFirst();
        chunkRun(f.blobs).run(first, 1);
        String once = text(first.output().key());

        chunkRun(f.blobs).run(first, 2);

        assertThat(text(first.output().key())).isEqualTo(once);
        assertThat(f.blobs.keys(Fixture.OUT)).filteredOn(k -> k.startsWith("results/g2/")).containsExactly(
                first.output().key());
    }

    @Test
    void aCrashBetweenWritingAndCommittingLeavesNoPart_andTheRetryCommitsIt() {
        SplitPlan plan = plan("g3");
        Chunk first = f.manifest(plan).getFirst();
        CrashingCommits crashing = new CrashingCommits(f.blobs, 1);

        assertThatThrownBy(() -> chunkRun(crashing).run(first, 1)).isInstanceOf(StorageUnavailableException.class);
        assertThat(f.blobs.stored(first.output())).isEmpty();
        assertThat(f.blobs.stored(new ObjectLocation(Fixture.WORK, Keys.partial("g3", 0)))).isEmpty();

        ChunkResult retried = chunkRun(crashing).run(first, 2);
        assertThat(retried.records()).isEqualTo(3);
        assertThat(text(first.output().key())).isEqualTo("{\"key\":\"logs/a.log\",\"offset\":8,\"line\":\"ERROR disk full\"}\n");
    }

    @Test
    void theReducerWritesNoManifest_whenAPartIsNotAsItsChunkCommittedIt() {
        SplitPlan plan = plan("g4");
        for (Chunk chunk : f.manifest(plan)) {
            chunkRun(f.blobs).run(chunk, 1);
        }
        Chunk first = f.manifest(plan).getFirst();
        f.blobs.put(first.output(), "{\"truncated\":".getBytes(UTF_8), "application/x-ndjson", Map.of());

        assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOf(MissingPartialsException.class)
                .hasMessageContaining(first.output().key()).hasMessageContaining("no result was written");
        assertThat(f.blobs.stored(new ObjectLocation(Fixture.OUT, "results/g4/result.json"))).isEmpty();
    }

    /** A store whose first {@code crashes} commits die after the bytes were written: nothing is committed. */
    private static final class CrashingCommits implements BlobStore {
        private final BlobStore delegate;
        private final AtomicInteger crashes;

        CrashingCommits(BlobStore delegate, int crashes) {
            this.delegate = delegate;
            this.crashes = new AtomicInteger(crashes);
        }

        @Override
        public ObjectOutput create(ObjectLocation location, String contentType, Map<String, String> metadata) {
            ObjectOutput out = delegate.create(location, contentType, metadata);
            return new ObjectOutput() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.write(b, off, len);
                }

                @Override
                public void commit() {
                    if (crashes.getAndDecrement() > 0) {
                        throw new StorageUnavailableException("the worker died before committing " + location, null);
                    }
                    out.commit();
                }

                @Override
                public long size() {
                    return out.size();
                }

                @Override
                public void close() {
                    out.close();
                }
            };
        }

        @Override
        public Optional<ObjectInfo> head(ObjectLocation location) {
            return delegate.head(location);
        }

        @Override
        public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
            return delegate.openRange(location, start, endExclusive, ifMatchEtag);
        }

        @Override
        public Optional<Blob> get(ObjectLocation location) {
            return delegate.get(location);
        }

        @Override
        public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
            delegate.put(location, body, contentType, metadata);
        }

        @Override
        public List<ObjectInfo> list(String bucket, String prefix) {
            return delegate.list(bucket, prefix);
        }
    }
}
