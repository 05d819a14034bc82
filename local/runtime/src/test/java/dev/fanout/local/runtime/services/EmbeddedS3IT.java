package dev.fanout.local.runtime.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConfiguration;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The S3 server's Jetty takes s3proxy's 16 KiB body writes into a 256 KiB response buffer. The settings are made
 * through s3proxy's private field (it exposes no HTTP settings) and fall back silently; this fails if they stop
 * taking effect, e.g. with an s3proxy version that builds its server differently.
 */
class EmbeddedS3IT {
    @Test
    void jettyBuffersTheBodyWritesOfAGet() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start(null, 0)) {
            Field proxyField = EmbeddedS3.class.getDeclaredField("proxy");
            proxyField.setAccessible(true);
            Field serverField = S3Proxy.class.getDeclaredField("server");
            serverField.setAccessible(true);
            Server server = (Server) serverField.get(proxyField.get(s3));

            List<HttpConfiguration> configs = Arrays.stream(server.getConnectors())
                    .map(c -> c.getConnectionFactory(HttpConnectionFactory.class))
                    .filter(f -> f != null).map(HttpConnectionFactory::getHttpConfiguration).toList();

            assertThat(configs).isNotEmpty().allSatisfy(c -> {
                assertThat(c.getOutputBufferSize()).isEqualTo(256 << 10);
                assertThat(c.getOutputAggregationSize()).as("takes s3proxy's 16 KiB writes").isGreaterThan(16 << 10);
            });
        }
    }
}
