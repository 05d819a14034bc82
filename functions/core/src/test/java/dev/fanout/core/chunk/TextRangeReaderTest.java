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
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRangeReaderTest {
    private static final ObjectLocation INPUT = new ObjectLocation("in", "text.txt");
    private static final String[] PIECES = {"a", "b", "Z", "7", " ", " ", "\n", "\n", "\r\n", "\r", "é", "€", "😀",
        "ß", "\t"};

    /** The reference: split on LF, drop a CR right before each LF, no line after a final LF. */
    static List<InputRecord> referenceLines(String text) {
        List<InputRecord> lines = new ArrayList<>();
        long offset = 0;
        int from = 0;
        while (from < text.length()) {
            int lf = text.indexOf('\n', from);
            String raw = lf < 0 ? text.substring(from) : text.substring(from, lf);
            String line = lf >= 0 && raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            lines.add(new InputRecord(offset, line));
            offset += raw.getBytes(UTF_8).length + (lf < 0 ? 0 : 1);
            from = lf < 0 ? text.length() : lf + 1;
        }
        return lines;
    }

    static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(5) == 0 ? random.nextInt(4) : random.nextInt(300);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(40) == 0) {
                text.append("x".repeat(random.nextInt(200))); // a line longer than many chunks
            }
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** Reads every planned range through RangedObjectStream with a small step, concatenating the lines. */
    static List<InputRecord> readAllChunks(byte[] bytes, long chunkSize, int step) throws IOException {
        return readAllChunks(bytes, 0, chunkSize, step);
    }

    static List<InputRecord> readAllChunks(byte[] bytes, long dataStart, long chunkSize, int step) throws IOException {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        blobs.put(INPUT, bytes, "text/plain", java.util.Map.of());
        String etag = blobs.head(INPUT).orElseThrow().etag();
        List<InputRecord> all = new ArrayList<>();
        for (ByteRange range : TextChunkPlanner.plan(dataStart, bytes.length, chunkSize)) {
            try (InputStream in = new RangedObjectStream(blobs, INPUT, etag, TextRangeReader.readFrom(range.start()),
                    range.end(), bytes.length, step)) {
                new TextRangeReader(in, range.start(), range.end()).forEachRemaining(all::add);
            }
        }
        return all;
    }

    @Test
    void everyLineIsReadExactlyOnce_forRandomTextsAndChunkSizes() throws IOException {
        Random random = new Random(20261127L);
        for (int t = 0; t < 400; t++) {
            String text = randomText(random);
            byte[] bytes = text.getBytes(UTF_8);
            List<InputRecord> expected = referenceLines(text);
            long[] sizes = IntStream.concat(IntStream.rangeClosed(1, 9),
                    IntStream.of(13, 64, 100, bytes.length, bytes.length + 1, 1 + random.nextInt(bytes.length + 1)))
                    .filter(s -> s > 0).asLongStream().toArray();
            for (long size : sizes) {
                int step = 1 + random.nextInt(8);
                assertThat(readAllChunks(bytes, size, step))
                        .as("text #%d (%d bytes), chunk size %d, step %d", t, bytes.length, size, step)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void planningAfterAHeaderLineYieldsEveryLineButTheHeaderExactlyOnce() throws IOException {
        Random random = new Random(99);
        for (int t = 0; t < 150; t++) {
            String text = "h€ader,x\r\n" + randomText(random);
            byte[] bytes = text.getBytes(UTF_8);
            List<InputRecord> expected = referenceLines(text);
            long dataStart = expected.size() > 1 ? expected.get(1).offset() : bytes.length;
            for (long size = 1; size <= 12; size++) {
                assertThat(readAllChunks(bytes, dataStart, size, 3)).as("text #%d, chunk size %d", t, size)
                        .isEqualTo(expected.subList(1, expected.size()));
            }
        }
    }

    @Test
    void multiByteCharactersAcrossEveryBoundaryStayWhole() throws IOException {
        String text = "€😀é\n😀😀\r\nßé€\n€";
        byte[] bytes = text.getBytes(UTF_8);
        for (long size = 1; size <= bytes.length; size++) {
            assertThat(readAllChunks(bytes, size, 1)).as("chunk size %d", size).isEqualTo(List.of(
                    new InputRecord(0, "€😀é"), new InputRecord(10, "😀😀"), new InputRecord(20, "ßé€"), new InputRecord(28, "€")));
        }
    }

    @Nested
    class EdgeCases {
        @Test
        void emptyInputHasNoChunksAndNoLines() throws IOException {
            assertThat(TextChunkPlanner.plan(0, 0, 10)).isEmpty();
            assertThat(read("", 0, 0)).isEmpty();
        }

        @Test
        void crlfAndNoFinalNewline() {
            assertThat(read("a\r\nb\r\n\r\nc", 0, 10)).extracting(InputRecord::text).containsExactly("a", "b", "", "c");
        }

        @Test
        void loneCarriageReturnIsContent() {
            assertThat(read("a\rb\n", 0, 4)).extracting(InputRecord::text).containsExactly("a\rb");
        }

        @Test
        void aRangeInsideOneLongLineHasNoLines() {
            String text = "x".repeat(100) + "\nnext\n";
            assertThat(read(text, 10, 20)).isEmpty();
            assertThat(read(text, 0, 1)).containsExactly(new InputRecord(0, "x".repeat(100)));
            assertThat(read(text, 100, 101)).isEmpty();
            assertThat(read(text, 101, 102)).containsExactly(new InputRecord(101, "next"));
        }

        @Test
        void aLineStartingExactlyAtTheRangeStartBelongsToIt() {
            assertThat(read("ab\ncd\nef", 3, 4)).containsExactly(new InputRecord(3, "cd"));
            assertThat(read("ab\ncd\nef", 2, 3)).isEmpty();
        }

        @Test
        void invalidUtf8IsMalformedWithItsOffset() {
            byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xC3, '\n'};
            assertThatThrownBy(() -> new TextRangeReader(new ByteArrayInputStream(bytes), 0, 6)
                    .forEachRemaining(r -> { }))
                    .isInstanceOfSatisfying(MalformedRecordException.class,
                            e -> assertThat(e.byteOffset()).isEqualTo(3))
                    .hasMessageContaining("offset 3");
        }

        @Test
        void lineLongerThanTheLimitIsMalformed() {
            byte[] bytes = ("short\n" + "y".repeat(50) + "\n").getBytes(UTF_8);
            assertThatThrownBy(() -> new TextRangeReader(new ByteArrayInputStream(bytes), 0, bytes.length, 20)
                    .forEachRemaining(r -> { }))
                    .isInstanceOfSatisfying(MalformedRecordException.class,
                            e -> assertThat(e.byteOffset()).isEqualTo(6))
                    .hasMessageNotContaining("yyy");
        }

        private List<InputRecord> read(String text, long start, long end) {
            byte[] bytes = text.getBytes(UTF_8);
            int from = (int) TextRangeReader.readFrom(start);
            List<InputRecord> out = new ArrayList<>();
            new TextRangeReader(new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, bytes.length)), start, end)
                    .forEachRemaining(out::add);
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64 << 10})
    void aChunkFetchesOnlyItsRangeAndTheTailOfItsLastLine(int step) throws IOException {
        String line = "0123456789".repeat(10) + "\n"; // 101 bytes
        byte[] bytes = line.repeat(10_000).getBytes(UTF_8);
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        blobs.put(INPUT, bytes, "text/plain", java.util.Map.of());
        long start = 50_000;
        long end = 60_000;
        try (RangedObjectStream in = new RangedObjectStream(blobs, INPUT, null, TextRangeReader.readFrom(start), end,
                bytes.length, step)) {
            List<InputRecord> lines = new ArrayList<>();
            new TextRangeReader(in, start, end).forEachRemaining(lines::add);
            assertThat(lines).hasSize((int) ((end - 1) / 101 - (start - 1) / 101));
            assertThat(in.bytesRead()).isLessThanOrEqualTo(end - start + 1 + 101 + step);
        }
    }

    @Test
    void plannerCountsWithoutMaterializingAndCoversTheData() {
        assertThat(TextChunkPlanner.count(0, 500L << 30, 64L << 20)).isEqualTo(8000);
        assertThat(TextChunkPlanner.count(10, 10, 5)).isZero();
        assertThat(TextChunkPlanner.plan(3, 10, 4))
                .containsExactly(new ByteRange(3, 7), new ByteRange(7, 10));
    }
}
