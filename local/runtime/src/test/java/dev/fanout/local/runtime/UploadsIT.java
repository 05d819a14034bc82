package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.lambda.aws.AwsClients;
import dev.fanout.local.runtime.services.EmbeddedS3;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files reach S3 byte for byte, big ones as multipart uploads. */
class UploadsIT {
    private static EmbeddedS3 server;
    private static AwsClients clients;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start(null, 0);
        clients = AwsClients.from(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x", "AWS_ENDPOINT_URL_S3", server.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true"));
        clients.s3().createBucket(r -> r.bucket("uploads"));
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    private Path randomFile(long size) throws Exception {
        Path file = dir.resolve("f-" + size);
        Random random = new Random(size);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void assertRoundTrip(long size) throws Exception {
        Path file = randomFile(size);
        AtomicLong reported = new AtomicLong();

        Uploads.upload(clients.s3(), "uploads", "k/" + size, file, reported::set);

        try (InputStream in = Files.newInputStream(file);
             InputStream stored = clients.s3().getObject(r -> r.bucket("uploads").key("k/" + size))) {
            assertThat(sha256(stored)).isEqualTo(sha256(in));
        }
        assertThat(clients.s3().headObject(r -> r.bucket("uploads").key("k/" + size)).contentLength()).isEqualTo(size);
        assertThat(reported.get()).isEqualTo(size);
    }

    @Test
    void uploadsASmallFileInOnePut() throws Exception {
        assertRoundTrip(100_000);
    }

    @Test
    void uploadsABigFileInParts_withAShortLastPart() throws Exception {
        long size = 3 * Uploads.PART_SIZE + 12_345;
        assertRoundTrip(size);
        // a multipart ETag ends in -<parts>
        assertThat(clients.s3().headObject(r -> r.bucket("uploads").key("k/" + size)).eTag()).endsWith("-4\"");
    }
}
