package dev.fanout.core.port;

import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Object storage as the pipeline needs it. Adapters: {@code S3BlobStore} (AWS SDK) in functions/lambda,
 * in-memory fakes in tests. Storage failures worth retrying surface as
 * {@link dev.fanout.core.error.StorageUnavailableException}; a missing object as empty / {@link
 * dev.fanout.core.error.InputNotFoundException} as documented per method.
 */
public interface BlobStore {

    /** HEAD; empty if the object (or bucket) does not exist. */
    Optional<ObjectInfo> head(ObjectLocation location);

    /**
     * Ranged GET of {@code [start, endExclusive)}; {@code ifMatchEtag} (nullable) makes a changed object fail
     * with {@link dev.fanout.core.error.InputNotFoundException}. The caller closes the stream. Callers never ask
     * for an empty range (S3 cannot express one) nor past the object's end.
     */
    InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag);

    /** Whole-object GET; empty if missing. */
    Optional<Blob> get(ObjectLocation location);

    /**
     * An object's user metadata without its bytes (HEAD); empty if the object does not exist. Adapters with a
     * cheaper way than a GET override it.
     */
    default Optional<Map<String, String>> metadata(ObjectLocation location) {
        return get(location).map(Blob::metadata);
    }

    /** PUT, replacing any existing object. */
    void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata);

    /** Every object under the prefix (all pages), in key order. */
    List<ObjectInfo> list(String bucket, String prefix);

    /**
     * Every object under the prefix, in key order, fetched page by page as the caller iterates (ListObjectsV2
     * pages of up to 1,000 keys), so that a prefix of millions of objects is never held in memory. The default
     * is {@link #list}.
     */
    default Iterable<ObjectInfo> listing(String bucket, String prefix) {
        return list(bucket, prefix);
    }

    /**
     * A whole-object GET as a stream, with its Content-Encoding; {@code ifMatchEtag} (nullable) as for {@link
     * #openRange}. A missing or changed object throws {@link dev.fanout.core.error.InputNotFoundException}. The
     * caller closes the stream. The default reads the object with {@link #head} and {@link #openRange}.
     */
    default ObjectStream open(ObjectLocation location, String ifMatchEtag) {
        ObjectInfo info = head(location).orElseThrow(() -> new dev.fanout.core.error.InputNotFoundException(
                "input not found: " + location));
        if (ifMatchEtag != null && info.etag() != null && !info.etag().equals(ifMatchEtag)) {
            throw new dev.fanout.core.error.InputNotFoundException("input changed since planned: " + location
                    + " no longer has the ETag the job was planned with");
        }
        InputStream body = info.size() == 0 ? InputStream.nullInputStream()
                : openRange(location, 0, info.size(), ifMatchEtag);
        return new ObjectStream(body, info.contentEncoding());
    }

    /**
     * Starts writing an object as a stream; it appears only when committed (see {@link ObjectOutput}). The default
     * collects the bytes in memory and {@link #put}s them on commit; the S3 adapter streams them as a multipart
     * upload, so an object's size is not bounded by memory.
     */
    default ObjectOutput create(ObjectLocation location, String contentType, Map<String, String> metadata) {
        BlobStore store = this;
        return new ObjectOutput() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private boolean done;

            @Override
            public void write(int b) {
                check();
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                check();
                bytes.write(b, off, len);
            }

            @Override
            public void commit() {
                check();
                done = true;
                store.put(location, bytes.toByteArray(), contentType, metadata);
            }

            @Override
            public long size() {
                return bytes.size();
            }

            @Override
            public void close() {
                done = true;
            }

            private void check() {
                if (done) {
                    throw new IllegalStateException("the object " + location + " is already committed or abandoned");
                }
            }
        };
    }

    /** An object's bytes as a stream, and how they are encoded ({@code Content-Encoding}, null if not set). */
    record ObjectStream(InputStream body, String contentEncoding) {
        public ObjectStream {
            java.util.Objects.requireNonNull(body, "body");
        }
    }

    /** An object's bytes and user metadata. */
    record Blob(byte[] body, Map<String, String> metadata) {
        public Blob {
            metadata = Map.copyOf(metadata);
        }
    }
}
