package dev.fanout.lambda.support;

import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BlobStore} in memory for unit tests; ETags are the content's hash. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<String, Blob> objects = new ConcurrentSkipListMap<>();
    private final java.util.Set<String> failingReads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Every later ranged GET of this object fails as an unavailable S3 would (after the SDK's retries). */
    public void failReads(ObjectLocation location) {
        failingReads.add(id(location));
    }

    private static String id(ObjectLocation location) {
        return location.bucket() + "/" + location.key();
    }

    private static String etag(byte[] body) {
        return Integer.toHexString(Arrays.hashCode(body));
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location) {
        return Optional.ofNullable(objects.get(id(location)))
                .map(b -> new ObjectInfo(location, b.body().length, etag(b.body())));
    }

    @Override
    public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
        if (failingReads.contains(id(location))) {
            throw new dev.fanout.core.error.StorageUnavailableException("GET " + location + " failed: 503 Slow Down",
                    null);
        }
        Blob blob = objects.get(id(location));
        if (blob == null) {
            throw new InputNotFoundException("input not found: " + location);
        }
        if (ifMatchEtag != null && !ifMatchEtag.equals(etag(blob.body()))) {
            throw new InputNotFoundException("input changed since planned: " + location);
        }
        int from = (int) Math.min(start, blob.body().length);
        int to = (int) Math.min(endExclusive, blob.body().length);
        return new ByteArrayInputStream(blob.body(), from, to - from);
    }

    @Override
    public Optional<Blob> get(ObjectLocation location) {
        return Optional.ofNullable(objects.get(id(location)));
    }

    @Override
    public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
        objects.put(id(location), new Blob(body.clone(), metadata));
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(bucket + "/" + prefix))
                .map(e -> new ObjectInfo(new ObjectLocation(bucket, e.getKey().substring(bucket.length() + 1)),
                        e.getValue().body().length, etag(e.getValue().body())))
                .toList();
    }
}
