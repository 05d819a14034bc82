package dev.fanout.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import dev.fanout.lambda.support.EmbeddedS3;
import dev.fanout.lambda.support.TestEnv;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BlobStoreIT {
    private static final String BUCKET = "blobs";
    private static final byte[] TEXT = "alpha\nbravo\ncharlie\n".getBytes(StandardCharsets.UTF_8);

    private EmbeddedS3 s3;
    private AwsClients clients;
    private BlobStore blobs;

    @BeforeAll
    void start() throws Exception {
        s3 = new EmbeddedS3();
        s3.createBucket(BUCKET);
        clients = AwsClients.from(TestEnv.create().s3(s3.endpoint()).toMap());
        blobs = new S3BlobStore(clients.s3());
    }

    @AfterAll
    void stop() throws Exception {
        clients.close();
        s3.close();
    }

    private ObjectLocation put(String key, byte[] body) {
        ObjectLocation location = new ObjectLocation(BUCKET, key);
        blobs.put(location, body, "text/plain", Map.of("records", "3"));
        return location;
    }

    @Nested
    class Head {
        @Test
        void givesSizeAndUnquotedEtag() {
            ObjectLocation location = put("head/text.txt", TEXT);

            ObjectInfo info = blobs.head(location).orElseThrow();

            assertThat(info.size()).isEqualTo(TEXT.length);
            assertThat(info.etag()).isNotBlank().doesNotContain("\"");
        }

        @Test
        void isEmptyForMissingObjectOrBucket() {
            assertThat(blobs.head(new ObjectLocation(BUCKET, "head/none"))).isEmpty();
            assertThat(blobs.head(new ObjectLocation("no-such-bucket", "x"))).isEmpty();
        }
    }

    @Nested
    class OpenRange {
        @Test
        void readsExactlyTheRange() throws Exception {
            ObjectLocation location = put("range/text.txt", TEXT);

            try (InputStream in = blobs.openRange(location, 6, 12, null)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bravo\n");
            }
        }

        @Test
        void readsWithTheCurrentEtag() throws Exception {
            ObjectLocation location = put("range/current.txt", TEXT);
            String etag = blobs.head(location).orElseThrow().etag();

            try (InputStream in = blobs.openRange(location, 0, 5, etag)) {
                assertThat(in.readAllBytes()).isEqualTo("alpha".getBytes(StandardCharsets.UTF_8));
            }
        }

        @Test
        void failsAsChangedInput_whenTheEtagNoLongerMatches() {
            ObjectLocation location = put("range/changed.txt", TEXT);
            String planned = blobs.head(location).orElseThrow().etag();
            put("range/changed.txt", "different content\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> blobs.openRange(location, 0, 5, planned))
                    .isInstanceOf(InputNotFoundException.class)
                    .hasMessageContaining("input changed since planned")
                    .hasMessageContaining(location.toUri());
        }

        @Test
        void failsAsInputNotFound_whenTheObjectIsGone() {
            ObjectLocation location = new ObjectLocation(BUCKET, "range/none.txt");

            assertThatThrownBy(() -> blobs.openRange(location, 0, 5, null))
                    .isInstanceOf(InputNotFoundException.class)
                    .hasMessageContaining(location.toUri());
        }

        @Test
        void isEmpty_forAnEmptyRangeOrOnePastTheEnd() throws Exception {
            ObjectLocation location = put("range/end.txt", TEXT);

            try (InputStream empty = blobs.openRange(location, 4, 4, null);
                 InputStream pastEnd = blobs.openRange(location, TEXT.length, TEXT.length + 10, null)) {
                assertThat(empty.readAllBytes()).isEmpty();
                assertThat(pastEnd.readAllBytes()).isEmpty();
            }
        }

        @Test
        void failsAsStorageUnavailable_onServerErrors() {
            ObjectLocation location = put("range/flaky.txt", TEXT);
            s3.store().failGets(BUCKET, location.key(), 10);

            assertThatThrownBy(() -> blobs.openRange(location, 0, 5, null))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }

    @Nested
    class GetAndPut {
        @Test
        void roundTripsBodyAndMetadata() {
            ObjectLocation location = put("get/partial", TEXT);

            BlobStore.Blob blob = blobs.get(location).orElseThrow();

            assertThat(blob.body()).isEqualTo(TEXT);
            assertThat(blob.metadata()).containsEntry("records", "3");
        }

        @Test
        void isEmptyForMissingObject() {
            assertThat(blobs.get(new ObjectLocation(BUCKET, "get/none"))).isEmpty();
        }
    }

    @Nested
    class ListObjects {
        @Test
        void listsEveryPageInKeyOrder() {
            // more than one ListObjectsV2 page (1,000 keys); stored directly, the listing goes over the wire
            int count = 1_003;
            IntStream.range(0, count).forEach(i -> s3.store().putBlob(
                    PutObjectRequest.builder().bucket(BUCKET).key(String.format("list/many/%06d", i)).build(),
                    new ByteArrayInputStream(new byte[] {(byte) i})));

            List<ObjectInfo> listed = blobs.list(BUCKET, "list/many/");

            assertThat(listed).hasSize(count);
            assertThat(listed.getFirst().location().key()).isEqualTo("list/many/000000");
            assertThat(listed.getLast().location().key()).isEqualTo("list/many/001002");
            assertThat(listed).allSatisfy(o -> assertThat(o.size()).isEqualTo(1));
        }

        @Test
        void isEmptyForAnUnusedPrefix() {
            assertThat(blobs.list(BUCKET, "list/nothing-here/")).isEmpty();
        }

        @Test
        void failsForAMissingBucket() {
            assertThatThrownBy(() -> blobs.list("no-such-bucket", "x/"))
                    .isInstanceOf(InputNotFoundException.class)
                    .hasMessageContaining("no-such-bucket");
        }
    }
}
