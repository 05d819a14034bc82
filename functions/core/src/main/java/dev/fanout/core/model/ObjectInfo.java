package dev.fanout.core.model;

import java.util.Objects;

/**
 * What HEAD / LIST tell about an object.
 *
 * @param contentEncoding the object's {@code Content-Encoding} (HEAD only; a listing does not tell), or null
 */
public record ObjectInfo(ObjectLocation location, long size, String etag, String contentEncoding) {
    public ObjectInfo {
        Objects.requireNonNull(location, "location");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }

    public ObjectInfo(ObjectLocation location, long size, String etag) {
        this(location, size, etag, null);
    }
}
