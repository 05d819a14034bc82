package dev.fanout.asl.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Step Functions API over HTTP on 127.0.0.1 (AWS JSON 1.0 protocol), usable unchanged by the SDK v2
 * {@code SfnClient} and the AWS CLI.
 *
 * <pre>{@code
 * try (AslEngine engine = AslEngine.builder().build();
 *      StepFunctionsServer server = StepFunctionsServer.start(new StepFunctionsService(engine), 0)) {
 *     SfnClient sfn = SfnClient.builder()
 *             .endpointOverride(server.endpoint())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
 *             .httpClient(UrlConnectionHttpClient.create())
 *             .build();
 *     sfn.listStateMachines();
 * }
 * }</pre>
 */
public final class StepFunctionsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final StepFunctionsService service;

    private StepFunctionsServer(HttpServer server, ExecutorService executor, StepFunctionsService service) {
        this.server = server;
        this.executor = executor;
        this.service = service;
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one (see {@link #endpoint()})
     */
    public static StepFunctionsServer start(StepFunctionsService service, int port) {
        return start(service, port, RequestFilter.NONE);
    }

    /**
     * Starts a server on 127.0.0.1 whose requests first pass {@code filter}, which may answer an error instead
     * (fault injection: throttled callbacks and the like).
     *
     * @param port the port, or 0 for a free one (see {@link #endpoint()})
     */
    public static StepFunctionsServer start(StepFunctionsService service, int port, RequestFilter filter) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(filter, "filter");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", new JsonProtocolHandler(new Operations(service), filter));
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            return new StepFunctionsServer(server, executor, service);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Step Functions endpoint on port " + port, e);
        }
    }

    /** The base URI for {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public StepFunctionsService service() {
        return service;
    }

    /** Stops serving; the engine is the caller's to close. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
