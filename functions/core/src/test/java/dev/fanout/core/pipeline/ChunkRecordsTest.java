package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.chunk.JsonLinesCursor;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.testing.Fixture;
import dev.fanout.core.testing.Gzip;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkRecordsTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private Chunk onlyChunk(String prefix) {
        return f.manifest(f.splitter().split(new JobRequest("r1", "wordcount", null, 1L << 20, null, null, 0,
                Map.of(), new ObjectPrefix(Fixture.IN, prefix)))).getFirst();
    }

    @Test
    void readsAGroupsSmallObjectsAhead_sideBySide_inKeyOrder() {
        for (int i = 0; i < 20; i++) {
            f.blobs.put(Fixture.in(String.format("many/%02d.txt", i)), "line " + i + "\n");
        }
        Chunk group = onlyChunk("many/");
        assertThat(group.objects().count()).isEqualTo(20);
        // each GET waits until another is in progress too: read one after the other, this would never pass
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        AtomicInteger opened = new AtomicInteger();
        BlobStore slow = new Delegating(f.blobs) {
            @Override
            public ObjectStream open(ObjectLocation location, String ifMatchEtag) {
                opened.incrementAndGet();
                twoAtOnce.countDown();
                try {
                    if (!twoAtOnce.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the objects were fetched one at a time");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.open(location, ifMatchEtag);
            }
        };

        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (ChunkRecords records = new ChunkRecords(slow, group, InputFormat.TEXT_LINES, JsonLinesCursor.BadLines.FAIL)) {
            while (records.next()) {
                lines.add(records.text());
                keys.add(records.key());
            }
        }

        assertThat(lines).hasSize(20).first().isEqualTo("line 0");
        assertThat(lines).last().isEqualTo("line 19");
        assertThat(keys).isSorted().first().isEqualTo("many/00.txt");
        assertThat(opened).hasValue(20);
    }

    @Test
    void decompressesByContentEncodingWhenTheKeyDoesNotSay() {
        f.blobs.put(Fixture.in("enc/a.txt"), Gzip.of("zipped words\n"), "text/plain", Map.of());
        f.blobs.put(Fixture.in("enc/b.txt"), "plain words\n");
        Chunk group = onlyChunk("enc/");
        BlobStore encoded = new Delegating(f.blobs) {
            @Override
            public ObjectStream open(ObjectLocation location, String ifMatchEtag) {
                ObjectStream plain = super.open(location, ifMatchEtag);
                return location.key().equals("enc/a.txt") ? new ObjectStream(plain.body(), "gzip") : plain;
            }
        };
        List<String> lines = new ArrayList<>();
        try (ChunkRecords records = new ChunkRecords(encoded, group, InputFormat.TEXT_LINES,
                JsonLinesCursor.BadLines.FAIL)) {
            while (records.next()) {
                lines.add(records.text());
            }
        }
        assertThat(lines).containsExactly("zipped words", "plain words");
    }

    /** Passes everything to the in-memory store. */
    private static class Delegating implements BlobStore {
        private final BlobStore delegate;

        Delegating(BlobStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public ObjectStream open(ObjectLocation location, String ifMatchEtag) {
            return delegate.open(location, ifMatchEtag);
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
