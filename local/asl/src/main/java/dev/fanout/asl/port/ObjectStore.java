package dev.fanout.asl.port;

import java.util.Optional;

/** S3 access for Distributed Map's ItemReader and ResultWriter. */
public interface ObjectStore {
    /** The object's bytes, or empty if the bucket or key does not exist. */
    Optional<byte[]> get(String bucket, String key);

    void put(String bucket, String key, byte[] body);
}
