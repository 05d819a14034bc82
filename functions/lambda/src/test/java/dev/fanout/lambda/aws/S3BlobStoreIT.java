package dev.fanout.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import dev.fanout.lambda.support.EmbeddedS3;
import dev.fanout.lambda.support.TestEnv;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
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

    @Nested
    class Listing {
        @Test
        void fetchesPagesOnlyAsTheCallerIterates() {
            int count = 1_003;
            IntStream.range(0, count).forEach(i -> s3.store().putBlob(
                    PutObjectRequest.builder().bucket(BUCKET).key(String.format("listing/many/%06d", i)).build(),
                    new ByteArrayInputStream(new byte[] {(byte) i})));
            AtomicInteger lists = new AtomicInteger();
            try (S3Client counted = countingClient(lists)) {
                BlobStore store = new S3BlobStore(counted);

                Iterator<ObjectInfo> it = store.listing(BUCKET, "listing/many/").iterator();
                List<String> first = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    first.add(it.next().location().key());
                }
                assertThat(first).containsExactly("listing/many/000000", "listing/many/000001",
                        "listing/many/000002", "listing/many/000003", "listing/many/000004");
                assertThat(lists).hasValue(1);

                long n = 5;
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
                assertThat(n).isEqualTo(count);
                assertThat(lists).hasValue(2);
            }
        }

        private S3Client countingClient(AtomicInteger lists) {
            return S3Client.builder()
                    .region(Region.US_EAST_1)
                    .endpointOverride(s3.endpoint())
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                            if (context.request() instanceof ListObjectsV2Request) {
                                lists.incrementAndGet();
                            }
                        }
                    }))
                    .build();
        }
    }

    @Nested
    class Open {
        @Test
        void givesTheStoredBytesAndTheirContentEncoding() throws Exception {
            byte[] gzip = gzip("hello\n");
            clients.s3().putObject(r -> r.bucket(BUCKET).key("open/logs.txt").contentEncoding("gzip"),
                    RequestBody.fromBytes(gzip));
            ObjectLocation location = new ObjectLocation(BUCKET, "open/logs.txt");
            ObjectInfo info = blobs.head(location).orElseThrow();

            BlobStore.ObjectStream object = blobs.open(location, info.etag());

            assertThat(info.contentEncoding()).isEqualTo("gzip");
            assertThat(object.contentEncoding()).isEqualTo("gzip");
            try (InputStream body = object.body()) {
                assertThat(body.readAllBytes()).isEqualTo(gzip); // not decoded on the way
            }
        }

        @Test
        void refusesAChangedObject_namingIt() {
            ObjectLocation location = put("open/changing.txt", TEXT);
            String planned = blobs.head(location).orElseThrow().etag();
            put("open/changing.txt", "other\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> blobs.open(location, planned))
                    .isInstanceOf(InputNotFoundException.class)
                    .hasMessageContaining("s3://blobs/open/changing.txt").hasMessageContaining("ETag");
        }
    }

    /**
     * Streamed writes to the final key: an object appears only when committed, and whole; S3 (s3proxy here, which
     * keeps S3's rules: a part under 5 MiB but the last is EntityTooSmall) shows no object for an incomplete upload.
     */
    @Nested
    class StreamedWrites {
        private final byte[] nineMib = pattern((9 << 20) + 3);

        @Test
        void aSmallObjectAppearsOnlyOnCommit() {
            ObjectLocation location = new ObjectLocation(BUCKET, "write/small.jsonl");
            try (ObjectOutput out = blobs.create(location, "application/x-ndjson", Map.of())) {
                out.write(TEXT, 0, TEXT.length);
                assertThat(blobs.head(location)).isEmpty();
                out.commit();
            }
            assertThat(blobs.get(location).orElseThrow().body()).isEqualTo(TEXT);
            assertThat(uploads("write/small.jsonl")).isEmpty();
        }

        @Test
        void aBigObjectIsAMultipartUpload_invisibleUntilCompleted() {
            ObjectLocation location = new ObjectLocation(BUCKET, "write/big.bin");
            try (ObjectOutput out = blobs.create(location, "application/octet-stream", Map.of())) {
                out.write(nineMib, 0, nineMib.length);
                assertThat(uploads("write/big.bin")).hasSize(1);   // the first part went up
                assertThat(blobs.head(location)).isEmpty();         // and there is no object yet
                out.commit();
            }
            assertThat(blobs.get(location).orElseThrow().body()).isEqualTo(nineMib);
            assertThat(uploads("write/big.bin")).isEmpty();
        }

        @Test
        void closedWithoutCommit_leavesNoObjectAndNoUpload() {
            ObjectLocation location = new ObjectLocation(BUCKET, "write/abandoned.bin");
            try (ObjectOutput out = blobs.create(location, "application/octet-stream", Map.of())) {
                out.write(nineMib, 0, nineMib.length);
            }
            assertThat(blobs.head(location)).isEmpty();
            assertThat(uploads("write/abandoned.bin")).isEmpty();
        }

        @Test
        void aCrashBetweenWritingAndCommitting_leavesNoObject_andTheRetryCommitsOneWholeCopy() {
            ObjectLocation location = new ObjectLocation(BUCKET, "write/crashed.bin");
            ObjectOutput crashed = blobs.create(location, "application/octet-stream", Map.of());
            crashed.write(nineMib, 0, nineMib.length);
            // the writer dies here: neither commit nor close; its parts are an incomplete upload, not an object
            assertThat(blobs.head(location)).isEmpty();
            assertThat(uploads("write/crashed.bin")).hasSize(1);   // left to AbortIncompleteMultipartUpload

            try (ObjectOutput retry = blobs.create(location, "application/octet-stream", Map.of())) {
                retry.write(nineMib, 0, nineMib.length);
                retry.commit();
            }

            assertThat(blobs.get(location).orElseThrow().body()).isEqualTo(nineMib);
            assertThat(blobs.list(BUCKET, "write/crashed.bin")).hasSize(1);
        }

        @Test
        void twoInterleavedWritersOfOneKey_leaveOneWholeCopy() {
            ObjectLocation location = new ObjectLocation(BUCKET, "write/duplicated.bin");
            ObjectOutput first = blobs.create(location, "application/octet-stream", Map.of());
            ObjectOutput second = blobs.create(location, "application/octet-stream", Map.of());
            int half = nineMib.length / 2;
            first.write(nineMib, 0, half);
            second.write(nineMib, 0, half);
            first.write(nineMib, half, nineMib.length - half);
            first.commit();
            assertThat(blobs.head(location).orElseThrow().size()).isEqualTo(nineMib.length);
            second.write(nineMib, half, nineMib.length - half);
            second.commit();

            assertThat(blobs.get(location).orElseThrow().body()).isEqualTo(nineMib);
            assertThat(blobs.list(BUCKET, "write/duplicated.bin")).hasSize(1);
            assertThat(uploads("write/duplicated.bin")).isEmpty();
        }

        private List<String> uploads(String key) {
            return clients.s3().listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads().stream()
                    .map(MultipartUpload::uploadId).toList();
        }
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 13));
        }
        return b;
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
