package dev.fanout.lambda.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * s3proxy's storage with instruments: counts the object bytes each GET serves, fails GETs of chosen keys
 * with a 500 InternalError, and serves "synthetic" objects of any size (repeated text generated on the fly,
 * never stored) for tests that must not move gigabytes.
 */
public final class ObservedBlobStore extends ForwardingBlobStore {
    /** The synthetic objects' content, repeated: 27 bytes a line. */
    public static final byte[] SYNTHETIC_LINE = "lorem ipsum dolor sit amet\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, AtomicLong> bytesServed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Long> syntheticSizes = new ConcurrentHashMap<>();

    public ObservedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** Object bytes GETs of {@code bucket/key} have served so far. */
    public long bytesServed(String bucket, String key) {
        AtomicLong count = bytesServed.get(bucket + "/" + key);
        return count == null ? 0 : count.get();
    }

    /** The next {@code times} GETs of {@code bucket/key} fail with 500 InternalError. */
    public void failGets(String bucket, String key, int times) {
        failuresLeft.put(bucket + "/" + key, new AtomicInteger(times));
    }

    /** Makes {@code bucket/key} an object of {@code size} bytes of {@link #SYNTHETIC_LINE}s. */
    public void putSynthetic(String bucket, String key, long size) {
        syntheticSizes.put(bucket + "/" + key, size);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        Long size = syntheticSizes.get(request.bucket() + "/" + request.key());
        if (size == null) {
            return super.blobMetadata(request);
        }
        return HeadObjectResponse.builder().contentLength(size).eTag(syntheticEtag(size))
                .lastModified(Instant.parse("2026-01-01T00:00:00Z")).contentType("text/plain").build();
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        String id = request.bucket() + "/" + request.key();
        AtomicInteger failures = failuresLeft.get(id);
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new S3ProxyException(S3ErrorCode.INTERNAL_ERROR, "injected failure");
        }
        AtomicLong counter = bytesServed.computeIfAbsent(id, k -> new AtomicLong());
        Long size = syntheticSizes.get(id);
        ResponseInputStream<GetObjectResponse> blob = size == null ? super.getBlob(request)
                : synthetic(request, size);
        if (blob == null) {
            return null;
        }
        return new ResponseInputStream<>(blob.response(), AbortableInputStream.create(new Counting(blob, counter)));
    }

    private static ResponseInputStream<GetObjectResponse> synthetic(GetObjectRequest request, long size) {
        long start = 0;
        long end = size - 1;
        String range = request.range();
        if (range != null && range.startsWith("bytes=")) {
            String[] bounds = range.substring("bytes=".length()).split("-", -1);
            start = Long.parseLong(bounds[0]);
            if (!bounds[1].isEmpty()) {
                end = Math.min(end, Long.parseLong(bounds[1]));
            }
        }
        long length = end - start + 1;
        GetObjectResponse.Builder response = GetObjectResponse.builder().contentLength(length)
                .eTag(syntheticEtag(size)).lastModified(Instant.parse("2026-01-01T00:00:00Z"))
                .contentType("text/plain");
        if (range != null) {
            response.contentRange("bytes " + start + "-" + end + "/" + size);
        }
        return new ResponseInputStream<>(response.build(), AbortableInputStream.create(new Generated(start, length)));
    }

    private static String syntheticEtag(long size) {
        return "\"synthetic-" + size + "\"";
    }

    /** The synthetic content from an offset. */
    private static final class Generated extends InputStream {
        private long position;
        private long remaining;

        Generated(long start, long length) {
            this.position = start;
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return SYNTHETIC_LINE[(int) (position++ % SYNTHETIC_LINE.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = SYNTHETIC_LINE[(int) (position++ % SYNTHETIC_LINE.length)];
            }
            remaining -= n;
            return n;
        }
    }

    private static final class Counting extends FilterInputStream {
        private final AtomicLong counter;

        Counting(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counter.addAndGet(skipped);
            return skipped;
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = read(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                total += n;
            }
            return total;
        }
    }
}
