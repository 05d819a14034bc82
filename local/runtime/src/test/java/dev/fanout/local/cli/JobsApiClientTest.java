package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jobs API client against a real HTTP server: methods, paths, bodies, statuses and error bodies. */
class JobsApiClientTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private JobsApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            String path = exchange.getRequestURI().getPath();
            int status = path.equals("/jobs") ? 202 : path.endsWith("/redrive") ? 409 : 404;
            byte[] answer = (status == 202 ? "{\"jobId\":\"j-1\"}" : status == 409 ? "{\"message\":\"not redrivable\"}"
                    : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        client = new JobsApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheRequestAndReadsTheAnswer() throws Exception {
        JobsApiClient.Reply reply = client.submit(JobsApiClient.json().createObjectNode().put("jobType", "double"));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text("jobId")).isEqualTo("j-1");
        assertThat(requests).containsExactly("POST /jobs application/json {\"jobType\":\"double\"}");
    }

    @Test
    void readsErrorBodiesAndEmptyAnswers() throws Exception {
        JobsApiClient.Reply refused = client.redrive("j-1");
        JobsApiClient.Reply missing = client.status("nope");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("message")).isEqualTo("not redrivable");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().isEmpty()).isTrue();
        assertThat(requests).containsExactly("POST /jobs/j-1/redrive application/json ", "GET /jobs/nope null ");
    }

    @Test
    void nothingListening_isAConnectException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        JobsApiClient nobody = new JobsApiClient(URI.create("http://127.0.0.1:" + port));

        assertThatThrownBy(() -> nobody.status("j-1")).isInstanceOf(ConnectException.class);
    }
}
