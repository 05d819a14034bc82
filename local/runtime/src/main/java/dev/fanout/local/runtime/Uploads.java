package dev.fanout.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams a local file into S3 without holding it in memory: one PUT for small files, otherwise a multipart upload
 * of {@link #PART_SIZE} parts, a few at a time, each streamed from its own file position (S3's minimum part size
 * is 5 MiB).
 *
 * <pre>{@code
 * String etag = Uploads.upload(runtime.s3(), runtime.inputBucket(), "uploads/words.txt", Path.of("words.txt"), n -> {});
 * }</pre>
 */
public final class Uploads {
    public static final long PART_SIZE = 16L << 20;
    private static final int PARALLEL_PARTS = 4;

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
                                     LongConsumer progress) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        int partCount = (int) ((size + PART_SIZE - 1) / PART_SIZE);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PARTS, r -> {
            Thread t = new Thread(r, "upload-part");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicLong sent = new AtomicLong();
            List<Future<CompletedPart>> futures = new ArrayList<>(partCount);
            for (int i = 0; i < partCount; i++) {
                int partNumber = i + 1;
                long offset = i * PART_SIZE;
                long length = Math.min(PART_SIZE, size - offset);
                futures.add(pool.submit(() -> {
                    CompletedPart part = uploadPart(s3, bucket, key, uploadId, file, partNumber, offset, length);
                    progress.accept(sent.addAndGet(length));
                    return part;
                }));
            }
            List<CompletedPart> parts = new ArrayList<>(partCount);
            for (Future<CompletedPart> f : futures) {
                parts.add(f.get());
            }
            return s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts))).eTag();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            throw new IllegalStateException("upload of " + file + " interrupted", e);
        } catch (ExecutionException | RuntimeException e) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("upload of " + file + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One part, read from its own position in the file: parts go up side by side, none is held in memory. */
    private static CompletedPart uploadPart(S3Client s3, String bucket, String key, String uploadId, Path file,
                                            int partNumber, long offset, long length) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            channel.position(offset);
            InputStream in = new BoundedInputStream(Channels.newInputStream(channel), length);
            UploadPartResponse part = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(length), RequestBody.fromInputStream(in, length));
            return CompletedPart.builder().partNumber(partNumber).eTag(part.eTag()).build();
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
            // the channel is closed by the uploader
        }
    }
}
