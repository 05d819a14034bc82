package dev.fanout.core.model;

import java.util.Objects;

/** What HEAD / LIST tell about an object. */
public record ObjectInfo(ObjectLocation location, long size, String etag) {
    public ObjectInfo {
        Objects.requireNonNull(location, "location");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
