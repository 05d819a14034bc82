package dev.fanout.core.model;

import dev.fanout.core.error.InvalidRequestException;
import java.util.Objects;

/** An S3 object address. */
public record ObjectLocation(String bucket, String key) {
    public ObjectLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isBlank() || key.isEmpty()) {
            throw new IllegalArgumentException("bucket and key must not be empty");
        }
    }

    /** Parses {@code s3://bucket/key}; {@code field} names the request field for the error. */
    public static ObjectLocation parseUri(String uri, String field) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new InvalidRequestException(field, "must be an S3 URI of the form s3://bucket/key");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new InvalidRequestException(field, "must be an S3 URI of the form s3://bucket/key");
        }
        return new ObjectLocation(rest.substring(0, slash), rest.substring(slash + 1));
    }

    public String toUri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return toUri();
    }
}
