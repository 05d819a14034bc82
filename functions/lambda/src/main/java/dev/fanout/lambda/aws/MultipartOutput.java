package dev.fanout.lambda.aws;

import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.ObjectOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An object streamed to its final key: bytes are buffered up to one part, and only once a part is full does a
 * multipart upload start; {@link #commit()} completes it (or, for an object smaller than one part, PUTs it in one
 * request). Either way the object appears at once and whole, or not at all:
 * <ul>
 *   <li>"Amazon S3 never adds partial objects; if you receive a success response, Amazon S3 added the entire object
 *       to the bucket" (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html), and a multipart
 *       upload's object is assembled and appears only on CompleteMultipartUpload; until then its parts are not an
 *       object (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html);</li>
 *   <li>of two writers of the same key (a duplicated chunk) the later completion replaces the earlier whole: "if it
 *       receives multiple write requests for the same object simultaneously, it overwrites all but the last object
 *       written" (API_PutObject), and reads after a write see it (strong read-after-write consistency,
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel).</li>
 * </ul>
 * A writer that is closed without committing aborts its upload; one that dies leaves an incomplete upload that the
 * buckets' lifecycle rule (AbortIncompleteMultipartUpload after a day) removes.
 *
 * <p>Parts are {@link #PART_SIZE} bytes (every part but the last must be 5 MiB to 5 GiB, at most 10,000 parts:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html); after every 1,000 parts the part size doubles,
 * so 10,000 parts reach past S3's 5 TiB object limit while one part stays in memory.
 */
final class MultipartOutput extends ObjectOutput {
    /** The first part size: 8 MiB, above S3's 5 MiB minimum. */
    static final int PART_SIZE = 8 << 20;
    private static final int PARTS_PER_SIZE = 1_000;
    private static final int MAX_PART_SIZE = 1 << 30;

    private final S3Client s3;
    private final ObjectLocation location;
    private final String contentType;
    private final Map<String, String> metadata;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[8192];
    private int buffered;
    private long size;
    private String uploadId;
    private boolean finished;

    MultipartOutput(S3Client s3, ObjectLocation location, String contentType, Map<String, String> metadata) {
        this.s3 = s3;
        this.location = location;
        this.contentType = contentType;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IllegalStateException("the object " + location + " is already committed or abandoned");
        }
        while (len > 0) {
            int partSize = partSize();
            if (buffered == partSize) {
                uploadPart();
                continue;
            }
            int n = Math.min(len, partSize - buffered);
            ensure(buffered + n);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            size += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() {
        if (finished) {
            throw new IllegalStateException("the object " + location + " is already committed or abandoned");
        }
        finished = true;
        try {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(location.bucket()).key(location.key()).contentType(contentType)
                        .metadata(metadata), RequestBody.fromBytes(Arrays.copyOf(buffer, buffered)));
                return;
            }
            if (buffered > 0) {
                sendPart();
            }
            s3.completeMultipartUpload(r -> r.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (SdkException e) {
            abort();
            throw AwsErrors.translate("PUT " + location, e);
        }
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            abort();
        }
    }

    /** Part size for the next part: doubles every 1,000 parts. */
    private int partSize() {
        int doublings = Math.min(parts.size() / PARTS_PER_SIZE, 7);
        return Math.min(MAX_PART_SIZE, PART_SIZE << doublings);
    }

    private void uploadPart() {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(location.bucket()).key(location.key())
                        .contentType(contentType).metadata(metadata)).uploadId();
            }
            sendPart();
        } catch (SdkException e) {
            finished = true;
            abort();
            throw AwsErrors.translate("PUT " + location + " (part " + (parts.size() + 1) + ")", e);
        }
    }

    private void sendPart() {
        int number = parts.size() + 1;
        String etag = s3.uploadPart(r -> r.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                .partNumber(number).contentLength((long) buffered), RequestBody.fromBytes(Arrays.copyOf(buffer,
                buffered))).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        buffered = 0;
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, Math.min(partSize(), buffer.length * 2)));
        }
    }

    /** Best effort: what cannot be aborted now, the lifecycle rule removes after a day. */
    private void abort() {
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(r -> r.bucket(location.bucket()).key(location.key()).uploadId(uploadId));
        } catch (SdkException e) {
            // left to AbortIncompleteMultipartUpload
        }
    }
}
