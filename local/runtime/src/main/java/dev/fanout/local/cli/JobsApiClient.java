package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of the jobs REST API, as a user's script would call it. */
final class JobsApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    JobsApiClient(URI base) {
        this.base = base;
    }

    /** A response: its status and JSON body. */
    record Reply(int status, JsonNode body) {
        String text(String field) {
            JsonNode v = body.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    Reply submit(ObjectNode request) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(base.resolve("/jobs"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        return send(post);
    }

    Reply redrive(String jobId) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/redrive"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return send(post);
    }

    Reply status(String jobId) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(base.resolve("/jobs/" + jobId))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        return send(get);
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        return new Reply(response.statusCode(), json);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
