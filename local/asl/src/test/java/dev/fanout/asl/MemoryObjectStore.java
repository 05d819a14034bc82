package dev.fanout.asl;

import dev.fanout.asl.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** S3 in a map, keyed {@code bucket/key}. */
final class MemoryObjectStore implements ObjectStore {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    MemoryObjectStore with(String bucket, String key, String body) {
        objects.put(bucket + "/" + key, body.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String text(String bucket, String key) {
        byte[] b = objects.get(bucket + "/" + key);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        return Optional.ofNullable(objects.get(bucket + "/" + key));
    }

    @Override
    public void put(String bucket, String key, byte[] body) {
        objects.put(bucket + "/" + key, body.clone());
    }
}
