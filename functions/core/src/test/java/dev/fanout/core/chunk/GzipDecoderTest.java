package dev.fanout.core.chunk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.MalformedRecordException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GzipDecoderTest {
    private static final String NAME = "s3://in/logs/a.gz";

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] decode(byte[] compressed) throws IOException {
        try (InputStream in = new GzipDecoder(new ByteArrayInputStream(compressed), NAME)) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomText(int length, long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (random.nextInt(8) == 0 ? '\n' : 'a' + random.nextInt(26));
        }
        return b;
    }

    @Nested
    class Decodes {
        @Test
        void whatTheJdkGzipWrote_acrossManyBuffers() throws IOException {
            byte[] data = randomText(1_000_000, 1);
            assertThat(decode(gzip(data))).isEqualTo(data);
        }

        @Test
        void concatenatedMembers_asOneStream() throws IOException {
            byte[] a = "first member\n".getBytes(UTF_8);
            byte[] b = randomText(200_000, 2);
            byte[] both = concat(gzip(a), gzip(b));
            assertThat(decode(both)).isEqualTo(concat(a, b));
        }

        @Test
        void headersWithNameCommentExtraAndHeaderCrc() throws IOException {
            byte[] plain = gzip("payload\n".getBytes(UTF_8));
            // rebuild the header with FEXTRA, FNAME, FCOMMENT and FHCRC set (flags 0x1E)
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write(new byte[] {0x1f, (byte) 0x8b, 8, 0x1E, 0, 0, 0, 0, 0, 3});
            header.write(new byte[] {3, 0, 'x', 'y', 'z'});
            header.write("name.txt\0".getBytes(UTF_8));
            header.write("a comment\0".getBytes(UTF_8));
            header.write(new byte[] {0x12, 0x34});
            header.write(plain, 10, plain.length - 10);
            assertThat(new String(decode(header.toByteArray()), UTF_8)).isEqualTo("payload\n");
        }

        @Test
        void readsByteByByteToo() throws IOException {
            byte[] data = "a\nbb\nccc\n".getBytes(UTF_8);
            try (InputStream in = new GzipDecoder(new ByteArrayInputStream(gzip(data)), NAME)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int b = in.read(); b >= 0; b = in.read()) {
                    out.write(b);
                }
                assertThat(out.toByteArray()).isEqualTo(data);
            }
        }
    }

    /** Corruption fails as bad data, naming the object and the compressed offset where it was found. */
    @Nested
    class FailsNamingTheObjectAndOffset {
        @Test
        void whenTheStreamIsTruncated() throws IOException {
            byte[] whole = gzip(randomText(100_000, 3));
            byte[] cut = Arrays.copyOf(whole, whole.length / 2);
            assertThatThrownBy(() -> decode(cut))
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining(NAME).hasMessageContaining("truncated")
                    .satisfies(e -> assertThat(((MalformedRecordException) e).byteOffset()).isEqualTo(cut.length));
        }

        @Test
        void whenTheDeflateDataIsGarbage() throws IOException {
            byte[] bad = gzip(randomText(50_000, 4));
            int at = 2_000;
            for (int i = at; i < at + 64; i++) {
                bad[i] = (byte) 0xff;
            }
            assertThatThrownBy(() -> decode(bad))
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining(NAME).hasMessageContaining("compressed byte offset")
                    .satisfies(e -> assertThat(((MalformedRecordException) e).byteOffset())
                            .isBetween((long) at - 64 * 1024, (long) bad.length));
        }

        @Test
        void whenTheChecksumDoesNotMatch() throws IOException {
            byte[] bad = gzip("checked\n".getBytes(UTF_8));
            bad[bad.length - 8] ^= 1; // CRC-32 in the trailer
            assertThatThrownBy(() -> decode(bad))
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("CRC-32 mismatch")
                    .satisfies(e -> assertThat(((MalformedRecordException) e).byteOffset()).isEqualTo(bad.length - 8));
        }

        @Test
        void whenTheDataIsNotGzip() {
            assertThatThrownBy(() -> decode("plain text\n".getBytes(UTF_8)))
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("not gzip data").hasMessageContaining("offset 2");
        }

        @Test
        void whenGarbageFollowsTheLastMember() throws IOException {
            byte[] both = concat(gzip("ok\n".getBytes(UTF_8)), "junk".getBytes(UTF_8));
            assertThatThrownBy(() -> decode(both))
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("after the last member");
        }

        @Test
        void whenTheStreamIsEmpty() {
            assertThatThrownBy(() -> decode(new byte[0]))
                    .isInstanceOf(MalformedRecordException.class).hasMessageContaining("empty");
        }
    }

    @Test
    void aFailingSourceStaysAnIoException_worthARetry() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new GzipDecoder(failing, NAME).readAllBytes()).isInstanceOf(IOException.class)
                .isNotInstanceOf(MalformedRecordException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
