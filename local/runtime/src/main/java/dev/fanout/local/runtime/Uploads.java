package dev.fanout.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams a local file into S3 without holding it in memory: one PUT for small files, a multipart upload of
 * {@link #PART_SIZE} parts otherwise (S3's minimum part size is 5 MiB).
 *
 * <pre>{@code
 * String etag = Uploads.upload(runtime.s3(), runtime.inputBucket(), "uploads/words.txt", Path.of("words.txt"), n -> {});
 * }</pre>
 */
public final class Uploads {
    public static final long PART_SIZE = 16L << 20;

    private Uploads() {
    }

    /**
     * @param progress called with the bytes sent so far, after each part
     * @return the object's ETag
     */
    public static String upload(S3Client s3, String bucket, String key, Path file, LongConsumer progress) {
        try {
            long size = Files.size(file);
            if (size <= PART_SIZE) {
                String etag = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file)).eTag();
                progress.accept(size);
                return etag;
            }
            return multipart(s3, bucket, key, file, size, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String multipart(S3Client s3, String bucket, String key, Path file, long size,
                                     LongConsumer progress) throws IOException {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            long sent = 0;
            for (int number = 1; sent < size; number++) {
                long length = Math.min(PART_SIZE, size - sent);
                int partNumber = number;
                // a bounded view of the stream: the SDK reads exactly `length` bytes of it
                UploadPartResponse part = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length),
                        RequestBody.fromInputStream(new BoundedInputStream(in, length), length));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(part.eTag()).build());
                sent += length;
                progress.accept(sent);
            }
            return s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts))).eTag();
        } catch (IOException | RuntimeException e) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
        }
    }

    /** At most {@code limit} bytes of the underlying stream; closing it leaves the underlying stream open. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the file stream is closed by the uploader
        }
    }
}
