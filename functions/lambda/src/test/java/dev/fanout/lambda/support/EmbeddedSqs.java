package dev.fanout.lambda.support;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ on a free port: the real SQS wire protocol, visibility timeouts and receive counts. */
public final class EmbeddedSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    public EmbeddedSqs() {
        server = SQSRestServerBuilder.withDynamicPort().withInterface("127.0.0.1").start();
        port = server.waitUntilStarted().localAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
