package dev.fanout.local.runtime.services;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * ElasticMQ speaking the SQS API on 127.0.0.1, its queues in memory. Queues are created through the API by the
 * caller.
 */
public final class EmbeddedSqs implements AutoCloseable {
    /** How long {@link #close} lets requests in flight finish: a consumer's long poll is cut after this. */
    private static final long REQUESTS_DEADLINE_MILLIS = 50;
    private static final FiniteDuration STOP_TIMEOUT = FiniteDuration.apply(10, TimeUnit.SECONDS);

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(ActorSystem actors, SQSRestServer server, int port) {
        this.actors = actors;
        this.server = server;
        this.port = port;
    }

    /** @param port 0 for a free port */
    public static EmbeddedSqs start(int port) {
        // the server's own actor system would be ended by its own stop, which gives requests in flight a minute;
        // and no JVM shutdown hook of its own: close() ends it, and a process that exits without close() loses
        // nothing by not waiting for it (the queues are in memory)
        ActorSystem actors = ActorSystem.create("elasticmq", ConfigFactory.parseString(
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off").withFallback(ConfigFactory.load()));
        try {
            SQSRestServer server = (port == 0 ? SQSRestServerBuilder.withDynamicPort()
                    : SQSRestServerBuilder.withPort(port))
                    .withActorSystem(actors)
                    .withInterface("127.0.0.1")
                    .start();
            int actual = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedSqs(actors, server, actual);
        } catch (RuntimeException | Error e) {
            actors.terminate();
            throw e;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Stops the listener, then the actors. Requests in flight get {@value #REQUESTS_DEADLINE_MILLIS} ms: ElasticMQ's
     * own stop gives them a minute, so a consumer's long poll held it for the rest of its wait (most of a second
     * locally, each time the runtime stopped); the consumers are stopping too, and a poll cut short returns nothing.
     */
    @Override
    public void close() {
        try {
            Await.result(server.waitUntilStarted().terminate(FiniteDuration.apply(REQUESTS_DEADLINE_MILLIS,
                    TimeUnit.MILLISECONDS)), STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the actors' end below closes whatever is left
        } finally {
            actors.terminate();
            try {
                Await.result(actors.whenTerminated(), STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // nothing more to stop
            }
        }
    }
}
