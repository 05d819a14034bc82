package dev.fanout.local.runtime.services;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.server.Connector;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConfiguration;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/**
 * An S3-compatible server (s3proxy) on 127.0.0.1: filesystem-backed (one folder per bucket, browseable) or in
 * memory, plus local files served in place, read-only, under reserved prefixes ({@link #serve},
 * {@link LocalFileOverlay}). Clients must use path-style addressing; any credentials are accepted.
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** Jetty's response buffer per request, and the largest write it copies into the buffer instead of sending. */
    static final int OUTPUT_BUFFER_BYTES = 256 << 10;
    static final int OUTPUT_AGGREGATION_BYTES = 64 << 10;

    private final S3Proxy proxy;
    private final LocalFileOverlay files;

    private EmbeddedS3(S3Proxy proxy, LocalFileOverlay files) {
        this.proxy = proxy;
        this.files = files;
    }

    /**
     * @param dataDir folder holding the buckets, or null for an in-memory store (objects on the heap)
     * @param port    0 for a free port
     */
    public static EmbeddedS3 start(Path dataDir, int port) {
        return start(dataDir, port, List.of());
    }

    /**
     * Like {@link #start(Path, int)}, with {@code buckets} created (those not there yet) in the store before the
     * server serves: what a CreateBucket of each would make, without a request.
     */
    public static EmbeddedS3 start(Path dataDir, int port, Collection<String> buckets) {
        BlobStore store;
        if (dataDir == null) {
            store = new TransientNio2BlobStore();
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the S3 data folder " + dataDir, e);
            }
            store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
        }
        for (String bucket : buckets) {
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
        }
        LocalFileOverlay files = new LocalFileOverlay(store);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(files)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                // the runtime stops S3 last, when nothing uses it any more: no graceful wait (30 s by default;
                // Jetty's graceful stop took a second with the clients' idle keep-alive connections open)
                .stopTimeout(0)
                .build();
        bufferResponses(proxy);
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: state " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy on port " + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedS3(proxy, files);
    }

    /**
     * s3proxy writes a GET's body 16 KiB at a time ({@code InputStream.transferTo}), above the 8 KiB that Jetty's
     * default configuration (a 32 KiB buffer) copies into its response buffer: every 16 KiB of a chunk's ranged GET was
     * a flush of its own, a write cycle through Jetty and a system call. With a 256 KiB buffer that takes writes of up
     * to 64 KiB, a body goes out 256 KiB at a time. s3proxy builds its Jetty server in its constructor and does not
     * expose its HTTP settings, so they are set on the server it built, before it starts; if that fails (another
     * s3proxy version), the defaults serve as before.
     */
    static void bufferResponses(S3Proxy proxy) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            for (Connector connector : ((Server) field.get(proxy)).getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    HttpConfiguration config = http.getHttpConfiguration();
                    config.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
                    config.setOutputAggregationSize(OUTPUT_AGGREGATION_BYTES);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // only the write sizes differ
        }
    }

    /**
     * Serves local files in place, read-only, as the objects under {@code prefix} of {@code bucket}: no byte is
     * copied; the prefix is reserved from now on ({@link LocalFileOverlay#serve}).
     *
     * @param files key below the prefix to file
     */
    public void serve(String bucket, String prefix, Map<String, Path> files) {
        this.files.serve(bucket, prefix, files);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy: " + e.getMessage(), e);
        }
    }
}
