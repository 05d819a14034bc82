package dev.fanout.local.runtime.services;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Local files served in place as the objects of a reserved prefix, over an in-memory s3proxy store. */
class LocalFileOverlayTest {
    private static final String BUCKET = "input";
    private static final String PREFIX = "uploads/run-1/";
    /** 0..9 then a..z: every range below has a byte value that names its position. */
    private static final byte[] TEXT = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(UTF_8);

    @TempDir
    Path dir;

    private LocalFileOverlay store;
    private Path text;

    @BeforeEach
    void serveAFile() throws IOException {
        store = new LocalFileOverlay(new TransientNio2BlobStore());
        store.createContainer(BUCKET);
        text = Files.write(dir.resolve("text.txt"), TEXT);
        store.serve(BUCKET, PREFIX, Map.of("text.txt", text));
    }

    private void putStored(String key, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength((long) bytes.length).build(),
                new ByteArrayInputStream(bytes));
    }

    private String get(String key, String range) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = store.getBlob(GetObjectRequest.builder().bucket(BUCKET)
                .key(key).range(range).build())) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private HeadObjectResponse head(String key) {
        return store.blobMetadata(HeadObjectRequest.builder().bucket(BUCKET).key(key).build());
    }

    private static int status(ThrowingCallable call) {
        try {
            call.call();
        } catch (S3Exception e) {
            return e.statusCode();
        } catch (Throwable t) {
            throw new AssertionError("expected an S3Exception, got " + t, t);
        }
        throw new AssertionError("expected an S3Exception, got none");
    }

    /** A later modification time than the file has (file systems keep it to a tick, not always a nanosecond). */
    private void touchLater(Path file) throws IOException {
        Instant before = Files.getLastModifiedTime(file).toInstant();
        Files.setLastModifiedTime(file, FileTime.from(before.plusSeconds(2)));
    }

    @Nested
    class Reads {
        @Test
        void headTellsTheFilesSizeModificationTimeAndAQuotedEtag() throws IOException {
            HeadObjectResponse head = head(PREFIX + "text.txt");

            assertThat(head.contentLength()).isEqualTo(TEXT.length);
            assertThat(head.eTag()).matches("\"[0-9a-f]{32}\"");
            assertThat(head.lastModified()).isEqualTo(Files.getLastModifiedTime(text).toInstant());
            assertThat(head.contentEncoding()).isNull();
        }

        @Test
        void getWithoutARangeIsTheWholeFile() throws IOException {
            assertThat(get(PREFIX + "text.txt", null)).isEqualTo(new String(TEXT, UTF_8));
        }

        @Test
        void rangesAreInclusive_openEnded_suffixes_andClampedAtTheEnd() throws IOException {
            assertThat(get(PREFIX + "text.txt", "bytes=2-5")).isEqualTo("2345");
            assertThat(get(PREFIX + "text.txt", "bytes=30-")).isEqualTo("uvwxyz");
            assertThat(get(PREFIX + "text.txt", "bytes=-3")).isEqualTo("xyz");
            assertThat(get(PREFIX + "text.txt", "bytes=-100")).isEqualTo(new String(TEXT, UTF_8));
            assertThat(get(PREFIX + "text.txt", "bytes=34-1000")).isEqualTo("yz");
            assertThat(get(PREFIX + "text.txt", "bytes=35-35")).isEqualTo("z");
        }

        @Test
        void aRangedAnswerSaysWhichBytesOfHowManyItHolds() throws IOException {
            try (ResponseInputStream<GetObjectResponse> in = store.getBlob(GetObjectRequest.builder().bucket(BUCKET)
                    .key(PREFIX + "text.txt").range("bytes=10-19").build())) {
                assertThat(in.response().contentRange()).isEqualTo("bytes 10-19/36");
                assertThat(in.response().contentLength()).isEqualTo(10);
                assertThat(in.response().eTag()).isEqualTo(head(PREFIX + "text.txt").eTag());
            }
        }

        @Test
        void aRangeStartingAtOrPastTheEndIsNotSatisfiable() {
            assertThat(status(() -> get(PREFIX + "text.txt", "bytes=36-"))).isEqualTo(416);
            assertThat(status(() -> get(PREFIX + "text.txt", "bytes=100-200"))).isEqualTo(416);
        }

        @Test
        void anEmptyFileIsAnEmptyObject() throws IOException {
            Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
            store.serve(BUCKET, "uploads/run-2/", Map.of("empty.txt", empty));

            assertThat(head("uploads/run-2/empty.txt").contentLength()).isZero();
            assertThat(get("uploads/run-2/empty.txt", null)).isEmpty();
        }

        @Test
        void aKeyUnderTheServedPrefixThatNamesNoFileDoesNotExist_evenIfTheStoreHasIt() {
            assertThatThrownBy(() -> head(PREFIX + "other.txt")).isInstanceOf(NoSuchKeyException.class);
            assertThat(store.blobExists(BUCKET, PREFIX + "other.txt")).isFalse();
            assertThat(store.blobExists(BUCKET, PREFIX + "text.txt")).isTrue();
        }

        @Test
        void aServedFileThatWasDeletedIsNoLongerThere() throws IOException {
            Files.delete(text);

            assertThatThrownBy(() -> head(PREFIX + "text.txt")).isInstanceOf(NoSuchKeyException.class);
            assertThatThrownBy(() -> get(PREFIX + "text.txt", null)).isInstanceOf(NoSuchKeyException.class);
        }

        @Test
        void keysOutsideTheServedPrefixAreTheStoresOwn() throws IOException {
            putStored("uploads/other/a.txt", "stored");

            assertThat(get("uploads/other/a.txt", null)).isEqualTo("stored");
            assertThat(head("uploads/other/a.txt").contentLength()).isEqualTo(6);
        }
    }

    @Nested
    class Etags {
        @Test
        void staysTheSameWhileTheFileIsUnchanged() {
            assertThat(head(PREFIX + "text.txt").eTag()).isEqualTo(head(PREFIX + "text.txt").eTag());
        }

        @Test
        void changesWhenTheFileIsWrittenTo_evenToTheSameSize() throws IOException {
            String before = head(PREFIX + "text.txt").eTag();
            Files.write(text, new StringBuilder(new String(TEXT, UTF_8)).reverse().toString().getBytes(UTF_8));
            touchLater(text);

            assertThat(head(PREFIX + "text.txt").eTag()).isNotEqualTo(before);
        }

        @Test
        void changesWhenTheFileGrows() throws IOException {
            String before = head(PREFIX + "text.txt").eTag();
            Instant modified = Files.getLastModifiedTime(text).toInstant();
            Files.write(text, "more".getBytes(UTF_8), java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(text, FileTime.from(modified)); // same time: the size alone tells

            assertThat(head(PREFIX + "text.txt").eTag()).isNotEqualTo(before);
        }

        @Test
        void ifMatchWithTheEtagPlannedBeforeAChangeFailsThePrecondition() throws IOException {
            String planned = head(PREFIX + "text.txt").eTag();
            GetObjectRequest read = GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "text.txt")
                    .range("bytes=0-3").ifMatch(planned).build();
            store.getBlob(read).close(); // matches while unchanged

            touchLater(text);

            assertThat(status(() -> store.getBlob(read))).isEqualTo(412);
        }

        @Test
        void ifMatchTakesTheEtagUnquotedToo_andIfNoneMatchAnswersNotModified() {
            String etag = head(PREFIX + "text.txt").eTag();
            String bare = etag.substring(1, etag.length() - 1);

            assertThat(status(() -> store.getBlob(GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "text.txt")
                    .ifMatch("\"0123\"").build()))).isEqualTo(412);
            assertThat(status(() -> store.getBlob(GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "text.txt")
                    .ifNoneMatch(bare).build()))).isEqualTo(304);
            store.getBlob(GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "text.txt").ifMatch(bare).build());
        }

        @Test
        void aFileChangedWhileBeingReadFailsTheReadAtItsEnd() throws IOException {
            InputStream in = store.getBlob(GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "text.txt").build());
            touchLater(text);

            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("changed");
        }

        @Test
        void aFileTruncatedWhileBeingReadFailsTheRead() throws IOException {
            InputStream in = store.getBlob(GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "text.txt").build());
            Files.write(text, "short".getBytes(UTF_8));

            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Listing {
        private final Map<String, Integer> sizes = new LinkedHashMap<>();

        @BeforeEach
        void aDirectoryAndStoredObjectsAround() throws IOException {
            Map<String, Path> files = new LinkedHashMap<>();
            for (String name : List.of("a.txt", "b/c.txt", "b/d/e.txt", "f.txt", "g.gz")) {
                Path p = dir.resolve("tree").resolve(name);
                Files.createDirectories(p.getParent());
                byte[] body = ("file " + name + "\n").repeat(name.length()).getBytes(UTF_8);
                Files.write(p, body);
                files.put(name, p);
                sizes.put("uploads/run-3/" + name, body.length);
            }
            store.serve(BUCKET, "uploads/run-3/", files);
            putStored("uploads/run-2a", "before");
            putStored("uploads/run-4/x", "after");
            putStored("zzz", "last");
        }

        private List<ListObjectsV2Response> pages(ListObjectsV2Request first) {
            List<ListObjectsV2Response> pages = new ArrayList<>();
            ListObjectsV2Request request = first;
            while (true) {
                ListObjectsV2Response page = store.list(request);
                pages.add(page);
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    return pages;
                }
                assertThat(pages).as("pages").hasSizeLessThan(50);
                request = first.toBuilder().continuationToken(page.nextContinuationToken()).build();
            }
        }

        private static List<String> keys(List<ListObjectsV2Response> pages) {
            return pages.stream().flatMap(p -> p.contents().stream()).map(S3Object::key).toList();
        }

        @Test
        void aPrefixListingHoldsTheFilesWithTheirSizesAndEtags() {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(BUCKET)
                    .prefix("uploads/run-3/").maxKeys(1000).build());

            assertThat(page.contents()).extracting(S3Object::key).containsExactlyElementsOf(sizes.keySet());
            for (S3Object o : page.contents()) {
                assertThat(o.size()).as(o.key()).isEqualTo(sizes.get(o.key()).longValue());
                assertThat(o.eTag()).as(o.key()).isEqualTo(head(o.key()).eTag());
            }
            assertThat(page.isTruncated()).isFalse();
        }

        @Test
        void pagesOfTwoMergeTheFilesAndTheStoresObjectsInKeyOrder() {
            List<ListObjectsV2Response> pages = pages(ListObjectsV2Request.builder().bucket(BUCKET).maxKeys(2).build());

            List<String> expected = new ArrayList<>(List.of("uploads/run-1/text.txt", "uploads/run-2a",
                    "uploads/run-4/x", "zzz"));
            expected.addAll(sizes.keySet());
            expected.sort(null);
            assertThat(keys(pages)).containsExactlyElementsOf(expected);
            assertThat(pages).allSatisfy(p -> assertThat(p.contents()).hasSizeLessThanOrEqualTo(2));
        }

        @Test
        void pagesOfOneWithinThePrefix() {
            List<ListObjectsV2Response> pages = pages(ListObjectsV2Request.builder().bucket(BUCKET)
                    .prefix("uploads/run-3/b/").maxKeys(1).build());

            assertThat(keys(pages)).containsExactly("uploads/run-3/b/c.txt", "uploads/run-3/b/d/e.txt");
        }

        @Test
        void startAfterSkipsWhatSortsBeforeIt() {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(BUCKET)
                    .prefix("uploads/").startAfter("uploads/run-3/b/d/e.txt").maxKeys(1000).build());

            assertThat(page.contents()).extracting(S3Object::key).containsExactly("uploads/run-3/f.txt",
                    "uploads/run-3/g.gz", "uploads/run-4/x");
        }

        @Test
        void aDelimiterFoldsTheFilesIntoCommonPrefixes_onceEach() {
            ListObjectsV2Response top = store.list(ListObjectsV2Request.builder().bucket(BUCKET).delimiter("/")
                    .maxKeys(1000).build());
            ListObjectsV2Response inside = store.list(ListObjectsV2Request.builder().bucket(BUCKET)
                    .prefix("uploads/run-3/").delimiter("/").maxKeys(1000).build());

            assertThat(top.contents()).extracting(S3Object::key).containsExactly("zzz");
            assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("uploads/");
            assertThat(inside.contents()).extracting(S3Object::key).containsExactly("uploads/run-3/a.txt",
                    "uploads/run-3/f.txt", "uploads/run-3/g.gz");
            assertThat(inside.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("uploads/run-3/b/");
        }

        @Test
        void aDelimitedListingPagedByOneShowsEachEntryOnce() {
            List<ListObjectsV2Response> pages = pages(ListObjectsV2Request.builder().bucket(BUCKET)
                    .prefix("uploads/run-3/").delimiter("/").maxKeys(1).build());

            List<String> entries = new ArrayList<>();
            pages.forEach(p -> {
                p.contents().forEach(o -> entries.add(o.key()));
                p.commonPrefixes().forEach(c -> entries.add(c.prefix()));
            });
            assertThat(entries).containsExactly("uploads/run-3/a.txt", "uploads/run-3/b/", "uploads/run-3/f.txt",
                    "uploads/run-3/g.gz");
        }

        @Test
        void aListingThatCannotReachAServedPrefixIsTheStoresAlone() {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix("zz")
                    .maxKeys(1000).build());

            assertThat(page.contents()).extracting(S3Object::key).containsExactly("zzz");
        }
    }

    @Nested
    class Writes {
        private void assertRefused(ThrowingCallable write) throws IOException {
            assertThatThrownBy(write).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            });
            assertThat(Files.readAllBytes(text)).isEqualTo(TEXT);
        }

        @Test
        void putDeleteAclAndMultipartOnAServedKeyAreRefused_andTheFileStaysByteForByte() throws IOException {
            String key = PREFIX + "text.txt";
            assertRefused(() -> store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength(1L)
                    .build(), new ByteArrayInputStream(new byte[] {'x'})));
            assertRefused(() -> store.removeBlob(DeleteObjectRequest.builder().bucket(BUCKET).key(key).build()));
            assertRefused(() -> store.removeBlob(BUCKET, key));
            assertRefused(() -> store.setBlobAccess(BUCKET, key, ObjectCannedACL.PUBLIC_READ));
            assertRefused(() -> store.initiateMultipartUpload(CreateMultipartUploadRequest.builder().bucket(BUCKET)
                    .key(key).build()));
            assertThat(Files.exists(text)).isTrue();
        }

        @Test
        void nothingNewCanBeWrittenUnderAServedPrefix() throws IOException {
            assertRefused(() -> store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(PREFIX + "new.txt")
                    .contentLength(1L).build(), new ByteArrayInputStream(new byte[] {'x'})));
            assertThat(Files.list(dir)).containsExactly(text);
        }

        @Test
        void aCopyOntoAServedKeyIsRefused_aCopyFromOneReadsTheFile() throws IOException {
            putStored("elsewhere.txt", "stored");
            assertRefused(() -> store.copyBlob(CopyObjectRequest.builder().sourceBucket(BUCKET)
                    .sourceKey("elsewhere.txt").destinationBucket(BUCKET).destinationKey(PREFIX + "text.txt").build()));

            store.copyBlob(CopyObjectRequest.builder().sourceBucket(BUCKET).sourceKey(PREFIX + "text.txt")
                    .destinationBucket(BUCKET).destinationKey("copies/text.txt").build());

            assertThat(get("copies/text.txt", null)).isEqualTo(new String(TEXT, UTF_8));
        }

        @Test
        void writesElsewhereReachTheStore() throws IOException {
            putStored("uploads/run-1x/a.txt", "fine");
            MultipartUpload upload = store.initiateMultipartUpload(CreateMultipartUploadRequest.builder()
                    .bucket(BUCKET).key("results/big").build());
            store.abortMultipartUpload(upload);

            assertThat(get("uploads/run-1x/a.txt", null)).isEqualTo("fine");
        }

        @Test
        void aPrefixOverlappingAServedOneCannotBeServed() {
            assertThatThrownBy(() -> store.serve(BUCKET, "uploads/", Map.of("a", text)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
            assertThatThrownBy(() -> store.serve(BUCKET, PREFIX + "inner/", Map.of("a", text)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
        }
    }
}
