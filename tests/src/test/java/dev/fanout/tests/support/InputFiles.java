package dev.fanout.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Many test objects put into the local input bucket side by side, and gzip as the JDK writes it. */
public final class InputFiles {
    private InputFiles() {
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Puts every key → bytes into {@code bucket}, 8 at a time. */
    public static void putAll(S3Client s3, String bucket, Map<String, byte[]> objects) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            objects.forEach((key, body) -> puts.add(pool.submit(() -> s3.putObject(r -> r.bucket(bucket).key(key),
                    RequestBody.fromBytes(body)))));
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a put failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
