package dev.fanout.core.port;

import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
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

    /** An object's bytes and user metadata. */
    record Blob(byte[] body, Map<String, String> metadata) {
        public Blob {
            metadata = Map.copyOf(metadata);
        }
    }
}
