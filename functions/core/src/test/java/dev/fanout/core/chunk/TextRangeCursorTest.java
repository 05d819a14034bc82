package dev.fanout.core.chunk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.testing.InMemoryBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextRangeCursorTest {
    private static final ObjectLocation INPUT = new ObjectLocation("in", "cursor.txt");

    /** Every range's lines through the cursor, each slice copied out with its offset and its text. */
    private static List<InputRecord> readAllChunks(byte[] bytes, long chunkSize, int step) throws IOException {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        blobs.put(INPUT, bytes, "text/plain", Map.of());
        List<InputRecord> all = new ArrayList<>();
        for (ByteRange range : TextChunkPlanner.plan(0, bytes.length, chunkSize)) {
            try (InputStream in = new RangedObjectStream(blobs, INPUT, null, TextRangeReader.readFrom(range.start()),
                    range.end(), bytes.length, step)) {
                TextRangeCursor lines = new TextRangeCursor(in, range.start(), range.end());
                while (lines.next()) {
                    String fromBytes = new String(Arrays.copyOfRange(lines.bytes(), lines.start(),
                            lines.start() + lines.length()), UTF_8);
                    assertThat(lines.text()).isEqualTo(fromBytes).isSameAs(lines.text());
                    all.add(new InputRecord(lines.offset(), fromBytes));
                }
                assertThat(lines.next()).isFalse();
            }
        }
        return all;
    }

    @Test
    void slicesHoldEveryLineExactlyOnce_forRandomTextsAndChunkSizes() throws IOException {
        Random random = new Random(20261201L);
        for (int t = 0; t < 300; t++) {
            String text = TextRangeReaderTest.randomText(random);
            byte[] bytes = text.getBytes(UTF_8);
            long chunkSize = 1 + random.nextInt(Math.max(1, bytes.length + 2));
            assertThat(readAllChunks(bytes, chunkSize, 1 + random.nextInt(9)))
                    .as("text %d, chunk size %d", t, chunkSize)
                    .isEqualTo(TextRangeReaderTest.referenceLines(text));
        }
    }

    @Test
    void aLineLongerThanTheBufferIsOneSliceToo() throws IOException {
        String longLine = "é".repeat(100_000);
        byte[] bytes = ("a\r\n" + longLine + "\r\nb").getBytes(UTF_8);
        assertThat(readAllChunks(bytes, bytes.length, 64 << 10)).containsExactly(new InputRecord(0, "a"),
                new InputRecord(3, longLine), new InputRecord(3 + 200_002, "b"));
    }

    @Test
    void invalidUtf8IsMalformedWithItsOffset_beforeTheJobSeesTheBytes() {
        byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}; // an encoded surrogate
        TextRangeCursor lines = new TextRangeCursor(new ByteArrayInputStream(bytes), 0, bytes.length);
        assertThat(lines.next()).isTrue();
        assertThatThrownBy(lines::next).isInstanceOfSatisfying(MalformedRecordException.class,
                e -> assertThat(e.byteOffset()).isEqualTo(3)).hasMessageContaining("offset 3");
    }

    @Test
    void theFirstLineWithInvalidUtf8IsMalformed_whereverItsBytesFallInTheEightByteScan() {
        Random random = new Random(42);
        byte[][] pieces = {"a".getBytes(UTF_8), "é".getBytes(UTF_8), "€".getBytes(UTF_8), "😀".getBytes(UTF_8),
            {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {'\r'}};
        for (int t = 0; t < 3000; t++) {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            long firstBad = -1;
            for (int line = random.nextInt(6); line >= 0; line--) {
                long offset = text.size();
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                for (int p = random.nextInt(20); p > 0; p--) {
                    bytes.writeBytes(pieces[random.nextInt(random.nextInt(5) == 0 ? pieces.length : 4)]);
                }
                boolean valid = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()), java.nio.CharBuffer.allocate(64), true)
                        .isUnderflow();
                if (!valid && firstBad < 0) {
                    firstBad = offset;
                }
                text.writeBytes(bytes.toByteArray());
                text.write('\n');
            }
            byte[] all = text.toByteArray();
            TextRangeCursor lines = new TextRangeCursor(new ByteArrayInputStream(all), 0, all.length);
            if (firstBad < 0) {
                while (lines.next()) {
                    assertThat(lines.text()).doesNotContain("\uFFFD");
                }
            } else {
                long bad = firstBad;
                assertThatThrownBy(() -> { while (lines.next()) { } }).as("text %d", t)
                        .isInstanceOfSatisfying(MalformedRecordException.class,
                                e -> assertThat(e.byteOffset()).isEqualTo(bad));
            }
        }
    }

    @Test
    void hasNoCurrentLineBeforeNextOrAfterTheEnd() {
        TextRangeCursor lines = new TextRangeCursor(new ByteArrayInputStream("x".getBytes(UTF_8)), 0, 1);
        assertThatThrownBy(lines::bytes).isInstanceOf(IllegalStateException.class);
        assertThat(lines.next()).isTrue();
        assertThat(lines.record()).isEqualTo(new InputRecord(0, "x"));
        assertThat(lines.next()).isFalse();
        assertThatThrownBy(lines::offset).isInstanceOf(IllegalStateException.class);
        assertThat(lines.next()).isFalse();
    }

    /** A stream of {@code bytes} that hands out 1 to {@code most} bytes per read, so refills fall anywhere. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random sizes;
        private final int most;
        private int at;

        Trickle(byte[] bytes, Random sizes, int most) {
            this.bytes = bytes;
            this.sizes = sizes;
            this.most = most;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + sizes.nextInt(most)), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    /**
     * The reference for reading {@code bytes} whole: split at each LF byte, a CR right before it dropped; each line
     * "offset:text", and, instead of the first line longer than {@code maxLineBytes} (its CR counted) or not valid
     * UTF-8 (the JDK decoder's verdict), that error and the line's offset — after which nothing is read.
     */
    private static List<String> reference(byte[] bytes, int maxLineBytes) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < bytes.length) {
            int lf = from;
            while (lf < bytes.length && bytes[lf] != '\n') {
                lf++;
            }
            boolean terminated = lf < bytes.length;
            int raw = lf - from;
            int length = terminated && raw > 0 && bytes[lf - 1] == '\r' ? raw - 1 : raw;
            if (raw > maxLineBytes) {
                out.add("longer than " + maxLineBytes + " at " + from);
                return out;
            }
            byte[] line = Arrays.copyOfRange(bytes, from, from + length);
            boolean valid = UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line),
                    java.nio.CharBuffer.allocate(line.length + 1), true).isUnderflow();
            if (!valid) {
                out.add("not valid UTF-8 at " + from);
                return out;
            }
            out.add(from + ":" + new String(line, UTF_8));
            from = terminated ? lf + 1 : lf;
        }
        return out;
    }

    /** What the cursor reads of the whole stream, in {@link #reference}'s terms. */
    private static List<String> read(InputStream in, long size, int maxLineBytes) {
        List<String> out = new ArrayList<>();
        TextRangeCursor lines = new TextRangeCursor(in, 0, size, maxLineBytes);
        try {
            while (lines.next()) {
                out.add(lines.offset() + ":" + new String(lines.bytes(), lines.start(), lines.length(), UTF_8));
            }
        } catch (MalformedRecordException e) {
            String kind = e.getMessage().contains("is longer than " + maxLineBytes + " bytes") ? "longer than "
                    + maxLineBytes : e.getMessage().contains("is not valid UTF-8") ? "not valid UTF-8" : e.getMessage();
            out.add(kind + " at " + e.byteOffset());
        }
        return out;
    }

    /** Reads {@code bytes} in one read per buffer and trickled, and checks both against the reference. */
    private static void assertReadsLikeTheReference(byte[] bytes, int maxLineBytes, Random random, int mostPerRead,
                                                    String description) {
        List<String> expected = reference(bytes, maxLineBytes);
        assertThat(read(new ByteArrayInputStream(bytes), bytes.length, maxLineBytes)).as(description)
                .isEqualTo(expected);
        assertThat(read(new Trickle(bytes, random, mostPerRead), bytes.length, maxLineBytes)).as(description
                + ", trickled").isEqualTo(expected);
    }

    @Test
    void aLineFeedAtEveryOffsetOfTheEightByteWords_endsTheLineThere_andAnInvalidByteFailsItsOwnLineOnly() {
        Random random = new Random(7);
        byte[][] contents = {{'a'}, "\u00e9".getBytes(UTF_8), {(byte) 0xC3}, {'\r'}};
        int cases = 0;
        for (int first = 0; first <= 20; first++) {
            for (int second = 0; second <= 20; second++) {
                for (int odd = -1; odd < second; odd++) { // the second line's one odd piece, at byte odd (or none)
                    for (byte[] piece : contents) {
                        for (String terminator : new String[] {"\n", "\r\n"}) {
                            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
                            text.writeBytes("f".repeat(first).getBytes(UTF_8));
                            text.write('\n');
                            for (int i = 0; i < second; i++) {
                                if (i == odd) {
                                    text.writeBytes(piece);
                                } else {
                                    text.write('s');
                                }
                            }
                            text.writeBytes(terminator.getBytes(UTF_8));
                            text.writeBytes(new byte[] {(byte) 0xFF, 't', '\n'}); // a bad third line
                            assertReadsLikeTheReference(text.toByteArray(), 64 << 20, random, 9,
                                    "first " + first + ", second " + second + ", odd at " + odd);
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(10_000);
    }

    @Test
    void linesAcrossRefillsAndLongerThanTheBuffer_areWholeSlices_withTheirOffsets() {
        Random random = new Random(20261202L);
        byte[][] pieces = {"a".getBytes(UTF_8), "Z".getBytes(UTF_8), " ".getBytes(UTF_8), "\u00e9".getBytes(UTF_8),
            "\u20ac".getBytes(UTF_8), "\uD83D\uDE00".getBytes(UTF_8), "\r".getBytes(UTF_8)};
        for (int t = 0; t < 40; t++) {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            for (int line = random.nextInt(12); line >= 0; line--) {
                int kind = random.nextInt(4);
                int length = kind == 0 ? random.nextInt(20) : kind == 1 ? (64 << 10) - 12 + random.nextInt(24)
                        : kind == 2 ? 100_000 + random.nextInt(300_000) : random.nextInt(3000);
                int ascii = random.nextInt(3);
                for (int n = 0; n < length; ) {
                    byte[] piece = pieces[ascii == 0 ? random.nextInt(3) : random.nextInt(pieces.length)];
                    text.writeBytes(piece);
                    n += piece.length;
                }
                text.writeBytes((random.nextBoolean() ? "\n" : "\r\n").getBytes(UTF_8));
            }
            if (random.nextBoolean()) {
                text.writeBytes("last, no terminator\r".getBytes(UTF_8));
            }
            assertReadsLikeTheReference(text.toByteArray(), 64 << 20, random, random.nextBoolean() ? 9 : 200_000,
                    "text " + t);
        }
    }

    @Test
    void anInvalidByteAnywhereInALineLongerThanTheBuffer_failsThatLine() {
        Random random = new Random(11);
        int length = 200_000;
        for (int at : new int[] {0, 1, 7, 8, (64 << 10) - 1, 64 << 10, (64 << 10) + 1, 131_070, 131_071, 131_072,
            length - 2, length - 1}) {
            byte[] line = "w".repeat(length).getBytes(UTF_8);
            line[at] = (byte) 0xC3;
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            text.writeBytes("ok\n".getBytes(UTF_8));
            text.writeBytes(line);
            text.writeBytes("\r\nafter\n".getBytes(UTF_8));
            byte[] bytes = text.toByteArray();
            assertThat(reference(bytes, 64 << 20)).containsExactly("0:ok", "not valid UTF-8 at 3");
            assertReadsLikeTheReference(bytes, 64 << 20, random, 70_000, "bad byte at " + at);
        }
    }

    @Test
    void theLineLimitCountsTheCarriageReturn_andHoldsForLinesLongerThanTheBuffer() {
        Random random = new Random(13);
        for (int limit : new int[] {5, 300_000}) {
            for (int extra = -2; extra <= 2; extra++) {
                for (String terminator : new String[] {"\n", "\r\n", ""}) {
                    byte[] bytes = ("x\n" + "\u00e9".repeat((limit + extra) / 2) + "y".repeat((limit + extra) % 2)
                            + terminator).getBytes(UTF_8);
                    assertReadsLikeTheReference(bytes, limit, random, 9, "limit " + limit + ", extra " + extra);
                    if (extra > 0 || extra == 0 && terminator.equals("\r\n")) {
                        assertThat(reference(bytes, limit)).last().asString().startsWith("longer than");
                    }
                }
            }
            // too long and invalid UTF-8 as well: too long it is
            byte[] both = ("z".repeat(limit) + "\u00ff\u00ff" + "\n").getBytes(UTF_8);
            both[3] = (byte) 0xFF;
            assertThat(read(new ByteArrayInputStream(both), both.length, limit)).containsExactly("longer than " + limit
                    + " at 0");
        }
    }
}
