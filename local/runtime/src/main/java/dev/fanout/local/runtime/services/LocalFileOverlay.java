package dev.fanout.local.runtime.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.SdkRequests;
import org.gaul.s3proxy.blobstore.SdkResponses;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * An s3proxy store that serves local files in place, read-only, as the objects of reserved key prefixes: what
 * {@code fanout run FILE|DIR} reads its input through, so that the user's files are never copied. Every other key
 * and bucket is the wrapped store's.
 *
 * <p>Under a reserved prefix ({@link #serve}) only the registered files exist: HEAD and GET (with byte ranges and
 * {@code If-Match}/{@code If-None-Match}/{@code If-Modified-Since}/{@code If-Unmodified-Since}) answer from the file
 * itself, ListObjects(V2) merges them into the wrapped store's pages in key order, and every write (PUT, POST,
 * CopyObject onto them, DeleteObject(s), ACLs, multipart uploads) is refused with 403 {@code AccessDenied}, so the
 * file is never written or deleted through S3. A copy <em>from</em> one of them reads the file.
 *
 * <p>An object's ETag is the MD5 of the file's absolute path, size and modification time (quoted, 32 hex digits, as
 * S3's single-part ETags are): stable while the file is unchanged, different once it is written to — so the
 * pipeline's {@code If-Match} reads fail a job whose input changed under it, as they do on S3 (there an object
 * cannot change, only be replaced). A GET also checks the file once its last byte is sent: a file changed while
 * being read ends the response early instead of passing torn bytes as the object's.
 *
 * <pre>{@code
 * LocalFileOverlay store = new LocalFileOverlay(new TransientNio2BlobStore());
 * store.serve("fanout-input", "uploads/1234/", Map.of("words.txt", Path.of("words.txt")));
 * }</pre>
 */
public final class LocalFileOverlay extends ForwardingBlobStore {
    private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    /** One served file: where it is and the Content-Type its object has. */
    private record Served(Path file, String contentType) {
    }

    /** The file's state when looked at: what its object's headers say. */
    private record Stat(long size, Instant lastModified, String etag) {
    }

    /** Bucket to full key to file. */
    private final Map<String, NavigableMap<String, Served>> files = new ConcurrentHashMap<>();
    /** Bucket to its reserved prefixes. */
    private final Map<String, List<String>> reserved = new ConcurrentHashMap<>();

    public LocalFileOverlay(BlobStore delegate) {
        super(delegate);
    }

    /**
     * Serves {@code files} (key below {@code prefix} to local file) as the objects under {@code prefix} of
     * {@code bucket}, from now on; the prefix is reserved: nothing else exists or can be written under it.
     *
     * @param prefix a prefix ending in {@code /}, no other reserved one's prefix or extension
     */
    public void serve(String bucket, String prefix, Map<String, Path> files) {
        Objects.requireNonNull(bucket, "bucket");
        if (prefix == null || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a reserved prefix ends in '/': " + prefix);
        }
        List<String> prefixes = reserved.computeIfAbsent(bucket, b -> new CopyOnWriteArrayList<>());
        synchronized (prefixes) {
            for (String other : prefixes) {
                if (other.startsWith(prefix) || prefix.startsWith(other)) {
                    throw new IllegalArgumentException(prefix + " overlaps the served prefix " + other);
                }
            }
            NavigableMap<String, Served> byKey = this.files.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>());
            Map<String, Served> added = new TreeMap<>();
            files.forEach((key, file) -> {
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("an empty key below " + prefix);
                }
                Path absolute = file.toAbsolutePath().normalize();
                added.put(prefix + key, new Served(absolute, contentType(absolute)));
            });
            byKey.putAll(added);
            prefixes.add(prefix);
        }
    }

    private static String contentType(Path file) {
        try {
            String probed = Files.probeContentType(file);
            return probed == null ? DEFAULT_CONTENT_TYPE : probed;
        } catch (IOException e) {
            return DEFAULT_CONTENT_TYPE;
        }
    }

    /** Whether {@code key} of {@code bucket} lies under a served prefix (so is the overlay's, not the store's). */
    boolean isServed(String bucket, String key) {
        List<String> prefixes = reserved.get(bucket);
        if (prefixes == null || key == null) {
            return false;
        }
        for (String p : prefixes) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private Served served(String bucket, String key) {
        NavigableMap<String, Served> byKey = files.get(bucket);
        Served s = byKey == null ? null : byKey.get(key);
        if (s == null) {
            throw S3Exceptions.noSuchKey(bucket, key, null);
        }
        return s;
    }

    private static Stat stat(String bucket, String key, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw S3Exceptions.noSuchKey(bucket, key, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!attributes.isRegularFile()) {
            throw S3Exceptions.noSuchKey(bucket, key, null);
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        return new Stat(attributes.size(), modified, etag(file, attributes.size(), modified));
    }

    /** MD5 of path, size and modification time (to the nanosecond the file system keeps), quoted. */
    static String etag(Path file, long size, Instant modified) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((file + "\n" + size + "\n" + modified.getEpochSecond() + "." + modified.getNano())
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5 in this JVM", e);
        }
    }

    private static S3Exception refused(String bucket, String key) {
        String message = "s3://" + bucket + "/" + key + " is a local file served read-only: it cannot be written,"
                + " copied onto or deleted through S3";
        return (S3Exception) S3Exception.builder().statusCode(403).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage(message).build())
                .build();
    }

    private void refuseIfServed(String bucket, String key) {
        if (isServed(bucket, key)) {
            throw refused(bucket, key);
        }
    }

    // reads

    @Override
    public boolean blobExists(String container, String name) {
        if (!isServed(container, name)) {
            return super.blobExists(container, name);
        }
        NavigableMap<String, Served> byKey = files.get(container);
        return byKey != null && byKey.containsKey(name) && Files.isRegularFile(byKey.get(name).file());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        if (!isServed(request.bucket(), request.key())) {
            return super.blobMetadata(request);
        }
        Served s = served(request.bucket(), request.key());
        Stat stat = stat(request.bucket(), request.key(), s.file());
        return HeadObjectResponse.builder().contentLength(stat.size()).eTag(stat.etag())
                .lastModified(stat.lastModified()).contentType(s.contentType()).acceptRanges("bytes")
                .storageClass(StorageClass.STANDARD).metadata(Map.of()).build();
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        if (!isServed(request.bucket(), request.key())) {
            return super.getBlob(request);
        }
        Served s = served(request.bucket(), request.key());
        Stat stat = stat(request.bucket(), request.key(), s.file());
        checkConditions(request, stat);
        long first = 0;
        long last = stat.size() - 1;
        boolean ranged = request.range() != null;
        if (ranged) {
            long[] range = range(request.range(), stat.size());
            first = range[0];
            last = range[1];
        }
        long length = last - first + 1;
        GetObjectResponse.Builder response = GetObjectResponse.builder().contentLength(length).eTag(stat.etag())
                .lastModified(stat.lastModified()).contentType(s.contentType()).acceptRanges("bytes")
                .storageClass(StorageClass.STANDARD).metadata(Map.of());
        if (ranged) {
            response.contentRange("bytes " + first + "-" + last + "/" + stat.size());
        }
        String bucket = request.bucket();
        String key = request.key();
        InputStream body = length == 0 ? InputStream.nullInputStream() : new FileRange(s.file(), first, length,
                () -> stat(bucket, key, s.file()).etag().equals(stat.etag()),
                () -> S3Exceptions.noSuchKey(bucket, key, null),
                "s3://" + bucket + "/" + key);
        return SdkResponses.getResponse(response.build(), body);
    }

    /**
     * {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} (the front end has checked the syntax) as
     * {first, last}: a last past the end is the end, a suffix longer than the object is all of it, a first at or past
     * the end is 416 InvalidRange (https://www.rfc-editor.org/rfc/rfc9110#section-14.1.2, which S3 follows).
     */
    static long[] range(String header, long size) {
        SdkRequests.ByteRange range = SdkRequests.parseRange(header);
        long first;
        long last = size - 1;
        if (range.first() == null) {
            first = Math.max(0, size - range.last());
        } else {
            first = range.first();
            if (range.last() != null) {
                last = Math.min(range.last(), size - 1);
            }
        }
        if (first >= size || first > last) {
            throw S3Exceptions.fromStatusCode(416);
        }
        return new long[] {first, last};
    }

    /**
     * GET's preconditions as S3 applies them: If-Match before If-Unmodified-Since, If-None-Match before
     * If-Modified-Since (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).
     */
    private static void checkConditions(GetObjectRequest request, Stat stat) {
        String ifMatch = request.ifMatch();
        String ifNoneMatch = request.ifNoneMatch();
        if (ifMatch != null && !matches(ifMatch, stat.etag())) {
            throw S3Exceptions.fromStatusCode(412);
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, stat.etag())) {
            throw S3Exceptions.fromStatusCode(304);
        }
        Instant modified = stat.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch == null && request.ifUnmodifiedSince() != null && modified.isAfter(request.ifUnmodifiedSince())) {
            throw S3Exceptions.fromStatusCode(412);
        }
        if (ifNoneMatch == null && request.ifModifiedSince() != null
                && !modified.isAfter(request.ifModifiedSince())) {
            throw S3Exceptions.fromStatusCode(304);
        }
    }

    private static boolean matches(String condition, String etag) {
        for (String candidate : condition.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || quoted(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        NavigableMap<String, Served> byKey = files.get(request.bucket());
        String prefix = request.prefix() == null ? "" : request.prefix();
        if (byKey == null || !overlaps(byKey, request.bucket(), prefix)) {
            return super.list(request);
        }
        return MergedListing.page(request, super.list(request), byKey.navigableKeySet(),
                key -> listed(request.bucket(), key, byKey.get(key)));
    }

    /** Whether a listing of {@code prefix} can hold a served key. */
    private boolean overlaps(NavigableMap<String, Served> byKey, String bucket, String prefix) {
        List<String> prefixes = reserved.get(bucket);
        if (prefixes == null) {
            return false;
        }
        for (String p : prefixes) {
            if (p.startsWith(prefix) || prefix.startsWith(p)) {
                return !byKey.isEmpty();
            }
        }
        return false;
    }

    /** A served key's listing entry; null if its file is gone. */
    private static S3Object listed(String bucket, String key, Served served) {
        Stat stat;
        try {
            stat = stat(bucket, key, served.file());
        } catch (S3Exception gone) {
            return null;
        }
        return S3Object.builder().key(key).eTag(stat.etag()).size(stat.size()).lastModified(stat.lastModified())
                .storageClass(ObjectStorageClass.STANDARD).build();
    }

    // writes: refused on served keys; a copy from a served key reads the file

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        refuseIfServed(request.bucket(), request.key());
        return super.putBlob(request, input);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        refuseIfServed(request.destinationBucket(), request.destinationKey());
        if (!isServed(request.sourceBucket(), request.sourceKey())) {
            return super.copyBlob(request);
        }
        GetObjectRequest read = GetObjectRequest.builder().bucket(request.sourceBucket()).key(request.sourceKey())
                .ifMatch(request.copySourceIfMatch()).ifNoneMatch(request.copySourceIfNoneMatch())
                .ifModifiedSince(request.copySourceIfModifiedSince())
                .ifUnmodifiedSince(request.copySourceIfUnmodifiedSince()).build();
        try (ResponseInputStream<GetObjectResponse> source = getBlob(read)) {
            GetObjectResponse head = source.response();
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(request.destinationBucket())
                    .key(request.destinationKey()).contentLength(head.contentLength());
            boolean replace = "REPLACE".equals(request.metadataDirectiveAsString());
            put.contentType(replace && request.contentType() != null ? request.contentType() : head.contentType());
            if (replace) {
                put.metadata(request.metadata()).contentEncoding(request.contentEncoding());
            }
            PutObjectResponse written = super.putBlob(put.build(), source);
            return SdkResponses.copyResponse(written.eTag(), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + request.sourceKey(), e);
        }
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        refuseIfServed(request.bucket(), request.key());
        return super.removeBlob(request);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name) {
        if (isServed(container, name)) {
            served(container, name);
            return ObjectCannedACL.PRIVATE;
        }
        return super.getBlobAccess(container, name);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
        if (isServed(container, name)) {
            return getBlobAccess(container, name);
        }
        return super.getBlobAccess(container, name, versionId);
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access) {
        refuseIfServed(container, name);
        super.setBlobAccess(container, name, access);
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access, String versionId) {
        refuseIfServed(container, name);
        super.setBlobAccess(container, name, access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        refuseIfServed(request.bucket(), request.key());
        return super.initiateMultipartUpload(request);
    }
}
