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
}
