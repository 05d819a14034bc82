package dev.fanout.local.runtime.services;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.lambda.aws.AwsClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Local files served in place through the embedded S3 server, as the SDK sees them on the wire. */
class LocalFileOverlayIT {
    private static final String BUCKET = "in-place";
    private static EmbeddedS3 server;
    private static AwsClients clients;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start(dir.resolve("data"), 0);
        clients = AwsClients.from(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x", "AWS_ENDPOINT_URL_S3", server.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true"));
        s3().createBucket(r -> r.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    private static S3Client s3() {
        return clients.s3();
    }

    private static Path randomFile(String name, long size) throws Exception {
        Path file = dir.resolve(name);
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

    @Test
    void rangedGetsHeadAndConditionalReadsBehaveAsS3s() throws Exception {
        Path file = Files.writeString(dir.resolve("letters.txt"), "abcdefghijklmnopqrstuvwxyz");
        server.serve(BUCKET, "runs/1/", Map.of("letters.txt", file));
        String key = "runs/1/letters.txt";

        var head = s3().headObject(r -> r.bucket(BUCKET).key(key));
        assertThat(head.contentLength()).isEqualTo(26);
        assertThat(head.contentEncoding()).isNull();
        assertThat(s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=3-5")).asUtf8String())
                .isEqualTo("def");
        assertThat(s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=-2")).asUtf8String())
                .isEqualTo("yz");
        assertThat(s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=24-")).asUtf8String())
                .isEqualTo("yz");
        assertThat(s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=20-99")).asUtf8String())
                .isEqualTo("uvwxyz");
        assertThatThrownBy(() -> s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=26-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
        assertThat(s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=0-0").ifMatch(head.eTag()))
                .asUtf8String()).isEqualTo("a");

        Files.setLastModifiedTime(file, FileTime.from(head.lastModified().plusSeconds(5)));

        assertThatThrownBy(() -> s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key).range("bytes=0-0")
                .ifMatch(head.eTag()))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void aBigFileStreamsWhole_andIsNeverCopiedIntoTheDataFolder() throws Exception {
        Path file = randomFile("big.bin", 40L << 20);
        server.serve(BUCKET, "runs/2/", Map.of("big.bin", file));

        try (InputStream in = s3().getObject(r -> r.bucket(BUCKET).key("runs/2/big.bin"))) {
            assertThat(in).hasSameContentAs(Files.newInputStream(file));
        }
        try (var walk = Files.walk(dir.resolve("data"))) {
            long stored = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            assertThat(stored).isLessThan(1 << 20);
        }
    }

    @Test
    void aFileChangedWhileItStreamsFailsTheRead_insteadOfEndingAsIfWhole() throws Exception {
        // far bigger than the sockets' buffers: the server is still reading the file when it changes
        Path file = randomFile("moving.bin", 64L << 20);
        server.serve(BUCKET, "runs/3/", Map.of("moving.bin", file));

        try (InputStream in = s3().getObject(r -> r.bucket(BUCKET).key("runs/3/moving.bin"))) {
            assertThat(in.read()).isNotNegative();
            Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant()
                    .plusSeconds(5)));
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream())).isInstanceOf(Exception.class);
        }
    }

    @Test
    void aDirectoryListsPageByPageWithItsFilesSizes_andRefusesEveryWrite() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            Path file = Files.writeString(dir.resolve("p" + i + ".txt"), "x".repeat(i));
            files.put(String.format("part-%02d.txt", i), file);
        }
        server.serve(BUCKET, "runs/4/", files);
        s3().putObject(r -> r.bucket(BUCKET).key("runs/4a/stored.txt"), RequestBody.fromString("stored"));

        List<S3Object> listed = s3().listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("runs/4").maxKeys(4))
                .contents().stream().toList();

        assertThat(listed).extracting(S3Object::key).containsExactlyElementsOf(
                java.util.stream.Stream.concat(files.keySet().stream().map(k -> "runs/4/" + k),
                        java.util.stream.Stream.of("runs/4a/stored.txt")).toList());
        assertThat(listed.subList(0, 25)).extracting(S3Object::size)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(Long::valueOf).toList());

        String key = "runs/4/part-03.txt";
        assertThatThrownBy(() -> s3().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("new")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> s3().deleteObject(r -> r.bucket(BUCKET).key(key)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        s3().deleteObjects(r -> r.bucket(BUCKET).delete(d -> d.objects(o -> o.key(key))));
        assertThatThrownBy(() -> s3().createMultipartUpload(r -> r.bucket(BUCKET).key("runs/4/other")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(Files.readString(files.get("part-03.txt"), UTF_8)).isEqualTo("xxx");
        assertThat(s3().headObject(r -> r.bucket(BUCKET).key(key)).contentLength()).isEqualTo(3);
    }
}
