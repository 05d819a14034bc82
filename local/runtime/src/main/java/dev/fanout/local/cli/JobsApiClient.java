package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A small client of the jobs REST API, as a user's script would call it. Over the JDK's {@code HttpURLConnection},
 * which the SDK clients of the same process use already (keep-alive included): {@code java.net.http.HttpClient} cost
 * {@code fanout run} about 0.15 s of CPU to build (its SSL context, its selector thread) for three kinds of request.
 */
final class JobsApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
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
        return send("POST", "/jobs", request.toString().getBytes(StandardCharsets.UTF_8));
    }

    Reply redrive(String jobId) throws IOException, InterruptedException {
        return send("POST", "/jobs/" + jobId + "/redrive", new byte[0]);
    }

    Reply status(String jobId) throws IOException, InterruptedException {
        return send("GET", "/jobs/" + jobId, null);
    }

    /**
     * @param body null for none
     * @throws ConnectException when nothing answers at the API's address, or not within the connect timeout
     */
    private Reply send(String method, String path, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setRequestMethod(method);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            // (HttpURLConnection would send a form's content type otherwise)
            connection.setRequestProperty("Content-Type", "application/json");
        }
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            ConnectException timedOut = new ConnectException("connect timed out: " + base);
            timedOut.initCause(e);
            throw timedOut;
        }
        if (body != null) {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        String text;
        // read to the end and closed, so that the connection is kept alive for the next request
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        return new Reply(status, json);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
