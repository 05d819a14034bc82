package dev.fanout.lambda.aws;

import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.ByteArrayInputStream;
import dev.fanout.core.port.ObjectOutput;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BlobStore} on Amazon S3 (or any S3-compatible endpoint).
 *
 * <p>ETags are handed out without the surrounding quotes S3 puts on them, the form S3 event notifications
 * use too, and quoted again for {@code If-Match}.
 *
 * <pre>{@code
 * BlobStore blobs = new S3BlobStore(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build());
 * Optional<ObjectInfo> info = blobs.head(new ObjectLocation("bucket", "incoming/wordcount/book.txt"));
 * }</pre>
 */
public final class S3BlobStore implements BlobStore {
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;
    private static final int PRECONDITION_FAILED = 412;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final S3Client s3;

    public S3BlobStore(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(location.key()));
            return Optional.of(new ObjectInfo(location, head.contentLength(), unquote(head.eTag()),
                    head.contentEncoding()));
        } catch (SdkException e) {
            if (AwsErrors.status(e) == NOT_FOUND) {
                return Optional.empty();
            }
            throw readFailure("HEAD " + location, location, e);
        }
    }

    /** HEAD: the user metadata (S3 hands it out without the {@code x-amz-meta-} prefix). */
    @Override
    public Optional<Map<String, String>> metadata(ObjectLocation location) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(location.bucket()).key(location.key())).metadata());
        } catch (SdkException e) {
            if (AwsErrors.status(e) == NOT_FOUND) {
                return Optional.empty();
            }
            throw AwsErrors.translate("HEAD " + location, e);
        }
    }

    @Override
    public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
        if (start < 0 || endExclusive < start) {
            throw new IllegalArgumentException("bad range [" + start + "," + endExclusive + ")");
        }
        if (endExclusive == start) {
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(location.bucket())
                .key(location.key())
                .range("bytes=" + start + "-" + (endExclusive - 1));
        if (ifMatchEtag != null) {
            request.ifMatch(quote(ifMatchEtag));
        }
        try {
            return s3.getObject(request.build());
        } catch (SdkException e) {
            if (AwsErrors.status(e) == RANGE_NOT_SATISFIABLE) {
                // the range starts at or after the end of the object: nothing to read
                return new ByteArrayInputStream(new byte[0]);
            }
            throw readFailure("GET " + location + " bytes " + start + ".." + endExclusive, location, e);
        }
    }

    /** A plain GET, so the answer carries the object's Content-Encoding (the SDK does not decode it). */
    @Override
    public ObjectStream open(ObjectLocation location, String ifMatchEtag) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
        if (ifMatchEtag != null) {
            request.ifMatch(quote(ifMatchEtag));
        }
        try {
            ResponseInputStream<GetObjectResponse> body = s3.getObject(request.build());
            return new ObjectStream(body, body.response().contentEncoding());
        } catch (SdkException e) {
            throw readFailure("GET " + location, location, e);
        }
    }

    @Override
    public Optional<Blob> get(ObjectLocation location) {
        try {
            var bytes = s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()));
            return Optional.of(new Blob(bytes.asByteArray(), bytes.response().metadata()));
        } catch (SdkException e) {
            if (AwsErrors.status(e) == NOT_FOUND) {
                return Optional.empty();
            }
            throw readFailure("GET " + location, location, e);
        }
    }

    @Override
    public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(location.bucket())
                .key(location.key())
                .contentType(contentType)
                .metadata(metadata == null ? Map.of() : metadata)
                .build();
        try {
            s3.putObject(request, RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw AwsErrors.translate("PUT " + location, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        List<ObjectInfo> all = new ArrayList<>();
        listing(bucket, prefix).forEach(all::add);
        return all;
    }

    /**
     * ListObjectsV2 page by page as the caller iterates: each page holds up to 1,000 keys
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html), and only the current one is in memory.
     */
    @Override
    public Iterable<ObjectInfo> listing(String bucket, String prefix) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        return () -> {
            Iterator<S3Object> objects = translating(bucket, prefix,
                    () -> s3.listObjectsV2Paginator(request).contents().iterator());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return translating(bucket, prefix, objects::hasNext);
                }

                @Override
                public ObjectInfo next() {
                    S3Object o = translating(bucket, prefix, objects::next);
                    return new ObjectInfo(new ObjectLocation(bucket, o.key()), o.size(), unquote(o.eTag()));
                }
            };
        };
    }

    private static <T> T translating(String bucket, String prefix, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            if (AwsErrors.status(e) == NOT_FOUND) {
                throw new InputNotFoundException("bucket " + bucket + " does not exist");
            }
            throw AwsErrors.translate("LIST s3://" + bucket + "/" + prefix, e);
        }
    }

    /** Streams the object as a multipart upload to its final key ({@link MultipartOutput}). */
    @Override
    public ObjectOutput create(ObjectLocation location, String contentType, Map<String, String> metadata) {
        return new MultipartOutput(s3, location, contentType, metadata == null ? Map.of() : metadata);
    }

    private static RuntimeException readFailure(String action, ObjectLocation location, SdkException e) {
        int status = AwsErrors.status(e);
        if (status == PRECONDITION_FAILED) {
            return new InputNotFoundException("input changed since planned: " + location
                    + " no longer has the ETag the job was planned with");
        }
        if (status == NOT_FOUND) {
            return new InputNotFoundException("input not found: " + location);
        }
        if (status == FORBIDDEN) {
            // S3 answers 403 for a missing key when the caller may not list the bucket
            return new InputNotFoundException("input not found or not readable (access denied): " + location);
        }
        return AwsErrors.translate(action, e);
    }

    static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    static String quote(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }
}
