package dev.fanout.core.model;

import dev.fanout.core.error.InvalidRequestException;
import java.util.Objects;

/**
 * Every object whose key starts with {@code prefix} in {@code bucket}: an {@code s3Prefix} input. S3 prefixes are
 * plain key prefixes ({@code logs/2026-11} matches {@code logs/2026-11-27.txt}); a folder is a prefix ending in
 * {@code /}. Never empty: a job over a whole bucket is not allowed.
 */
public record ObjectPrefix(String bucket, String prefix) {
    public ObjectPrefix {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (bucket.isBlank() || prefix.isEmpty()) {
            throw new IllegalArgumentException("bucket and prefix must not be empty");
        }
    }

    /** Parses {@code s3://bucket/prefix}; {@code field} names the request field for the error. */
    public static ObjectPrefix parseUri(String uri, String field) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new InvalidRequestException(field, "must be an S3 URI of the form s3://bucket/prefix");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash == 0 || rest.isEmpty()) {
            throw new InvalidRequestException(field, "must be an S3 URI of the form s3://bucket/prefix");
        }
        if (slash < 0 || slash == rest.length() - 1) {
            throw new InvalidRequestException(field, "names no prefix: give the folder or key prefix to read, "
                    + "e.g. s3://" + (slash < 0 ? rest : rest.substring(0, slash)) + "/logs/ (a whole bucket is not "
                    + "an input)");
        }
        return new ObjectPrefix(rest.substring(0, slash), rest.substring(slash + 1));
    }

    public String toUri() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return toUri();
    }
}
