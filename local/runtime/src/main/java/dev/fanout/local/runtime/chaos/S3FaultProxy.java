package dev.fanout.local.runtime.chaos;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP proxy in front of the S3 server that answers some requests itself with S3's own 5xx errors, so the
 * functions' real SDK retries them: {@code 500 InternalError} or {@code 503 SlowDown} with S3's XML error body
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). Everything else is passed through byte for
 * byte, one request per connection ({@code Connection: close} towards both sides, so each request can be looked at).
 *
 * <pre>{@code
 * try (S3FaultProxy proxy = S3FaultProxy.start(s3Endpoint, request -> Optional.empty())) {
 *     URI endpoint = proxy.endpoint();   // give this to the S3 clients instead
 * }
 * }</pre>
 */
public final class S3FaultProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3FaultProxy.class);
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** The S3 errors the proxy answers with. */
    public enum S3Error {
        INTERNAL_ERROR(500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again."),
        SLOW_DOWN(503, "Slow Down", "SlowDown", "Please reduce your request rate.");

        final int status;
        final String reason;
        final String code;
        final String message;

        S3Error(int status, String reason, String code, String message) {
            this.status = status;
            this.reason = reason;
            this.code = code;
            this.message = message;
        }
    }

    /** One request, as the proxy sees its head. */
    public record Request(String method, String target, String range) {
        /** What identifies the request across the SDK's retries of it. */
        public String identity() {
            return method + " " + target + (range == null ? "" : " " + range);
        }
    }

    /** Decides which requests fail; told which ones passed. Thread-safe. */
    public interface Faults {
        Optional<S3Error> strike(Request request);

        default void passed(Request request) {
        }
    }

    private final ServerSocket server;
    private final URI upstream;
    private final Faults faults;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    private S3FaultProxy(ServerSocket server, URI upstream, Faults faults) {
        this.server = server;
        this.upstream = upstream;
        this.faults = faults;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to {@code upstream} (http://host:port). */
    public static S3FaultProxy start(URI upstream, Faults faults) {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(faults, "faults");
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            S3FaultProxy proxy = new S3FaultProxy(server, upstream, faults);
            Thread accept = new Thread(proxy::acceptLoop, "s3-fault-proxy-accept");
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the S3 fault proxy: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket client = server.accept();
                connections.execute(() -> handle(client));
            } catch (IOException e) {
                if (running) {
                    LOG.warn("the S3 fault proxy stopped accepting: {}", e.toString());
                }
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            List<String> lines = List.of(new String(head, StandardCharsets.ISO_8859_1).split("\r\n"));
            String[] requestLine = lines.getFirst().split(" ");
            if (requestLine.length < 2) {
                return;
            }
            Request request = new Request(requestLine[0], requestLine[1], header(lines, "range"));
            Optional<S3Error> error = faults.strike(request);
            if (error.isPresent()) {
                answer(client, in, lines, request, error.get());
            } else {
                // told before the answer is relayed: the client acts on the answer at once (the reducer may write its
                // summary, with the fault counts, right after its last read), while this thread is still relaying
                faults.passed(request);
                forward(client, in, lines);
            }
        } catch (IOException e) {
            LOG.debug("an S3 request through the fault proxy broke off: {}", e.toString());
        }
    }

    /** The error, after reading what body the client sent (unless it waits for 100-continue). */
    private static void answer(Socket client, InputStream in, List<String> lines, Request request, S3Error error)
            throws IOException {
        String length = header(lines, "content-length");
        String expect = header(lines, "expect");
        if (length != null && (expect == null || !expect.toLowerCase(Locale.ROOT).contains("100-continue"))) {
            in.skipNBytes(Long.parseLong(length.trim()));
        }
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + error.code + "</Code><Message>"
                + error.message + "</Message><RequestId>" + requestId + "</RequestId><HostId>fanout-local</HostId>"
                + "</Error>").getBytes(StandardCharsets.UTF_8);
        boolean head = request.method().equals("HEAD");
        String response = "HTTP/1.1 " + error.status + " " + error.reason + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amz-request-id: " + requestId + "\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
        out.flush();
    }

    /** The head with {@code Connection: close}, then the rest both ways, byte for byte. */
    private void forward(Socket client, InputStream in, List<String> lines) throws IOException {
        try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
            List<String> rewritten = new ArrayList<>();
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
                    rewritten.add(line);
                }
            }
            rewritten.add("Connection: close");
            OutputStream toServer = server.getOutputStream();
            toServer.write((String.join("\r\n", rewritten) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            connections.execute(() -> pipe(in, toServer));
            server.getInputStream().transferTo(client.getOutputStream());
            client.getOutputStream().flush();
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
            to.flush();
        } catch (IOException e) {
            // the exchange ended: one side closed
        }
    }

    /** The request head up to the blank line (without it), or null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                byte[] bytes = head.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - 4);
            }
        }
        throw new IOException("request head longer than " + MAX_HEAD_BYTES + " bytes");
    }

    private static String header(List<String> lines, String name) {
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing is best effort
        }
        connections.shutdownNow();
    }
}
