package dev.fanout.lambda.support;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** s3proxy on a free port, in memory, checking AWS signatures, with an {@link ObservedBlobStore} behind it. */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "fanout-test";
    public static final String SECRET_KEY = "fanout-test-secret";

    private final S3Proxy proxy;
    private final ObservedBlobStore store;

    public EmbeddedS3() throws Exception {
        store = new ObservedBlobStore(new TransientNio2BlobStore());
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public ObservedBlobStore store() {
        return store;
    }

    public void createBucket(String name) {
        store.createContainer(name);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
