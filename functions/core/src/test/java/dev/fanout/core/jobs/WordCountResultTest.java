package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reducer side of wordcount: decoded partials merged in order and written, against Jackson over a TreeMap. */
class WordCountResultTest {
    private static final String[] PIECES = {"a", "B", "z", "0", " ", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r",
        "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800", "\u2028", "\u2029",
        "\ud7ff", "\ud835\udd18", "\ud83d\ude00", "\udbff\udfff", "\ue000", "\ufeff", "\uffff", "<", "&"};
    private final WordCountJob job = new WordCountJob();

    /** Reference: sums in a TreeMap (String.compareTo order), written by the shared mapper as UTF-8 bytes. */
    private static byte[] reference(List<Map<String, Long>> partials) throws IOException {
        Map<String, Long> sums = new TreeMap<>();
        partials.forEach(p -> p.forEach((w, n) -> sums.merge(w, n, Long::sum)));
        return Json.mapper().writeValueAsBytes(sums);
    }

    private byte[] reduce(List<Map<String, Long>> partials) throws IOException {
        Map<String, Long> acc = job.newAccumulator();
        for (Map<String, Long> p : partials) {
            acc = job.merge(acc, job.decode(job.encode(p)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(acc, out);
        return out.toByteArray();
    }

    private static Map<String, Long> randomPartial(Random random, int words) {
        Map<String, Long> partial = new HashMap<>();
        for (int i = 0; i < words; i++) {
            StringBuilder word = new StringBuilder();
            for (int len = random.nextInt(6), c = 0; c < len; c++) {
                word.append(PIECES[random.nextInt(PIECES.length)]);
            }
            partial.merge(word.toString(), 1L + random.nextInt(1_000_000), Long::sum);
        }
        return partial;
    }

    @Test
    void emptyResultIsAnEmptyObject() throws IOException {
        assertThat(new String(reduce(List.of()), UTF_8)).isEqualTo("{}");
        assertThat(new String(reduce(List.of(Map.of(), Map.of())), UTF_8)).isEqualTo("{}");
    }

    /** Lone surrogates too, which no partial carries (its UTF-8 cannot), written from the accumulator itself. */
    @Test
    void escapesControlCharsNonAsciiAndSurrogatesAsJacksonDoes() throws IOException {
        Map<String, Long> partial = new HashMap<>();
        for (String piece : PIECES) {
            partial.put(piece, 1L);
            partial.put("x" + piece + "y", 2L);
        }
        partial.put("", 3L);
        partial.put("lone\ud800", 4L);
        partial.put("\udc00lone", 5L);
        partial.put("\udc00\ud800", 6L);
        partial.put("end\ud835", 7L);
        partial.put("max", Long.MAX_VALUE);
        partial.put("min", Long.MIN_VALUE);
        partial.put("negative", -1234567890L);
        partial.put("zero", 0L);
        List<Map<String, Long>> partials = List.of(partial);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(partial, out);
        assertThat(out.toString(UTF_8)).isEqualTo(new String(reference(partials), UTF_8));
        assertThat(out.toByteArray()).isEqualTo(reference(partials));
    }

    @Test
    void singlePartial() throws IOException {
        List<Map<String, Long>> partials = List.of(randomPartial(new Random(1), 5_000));
        assertThat(reduce(partials)).isEqualTo(reference(partials));
    }

    @Test
    void manyPartialsSomeEmpty_forRandomWords() throws IOException {
        Random random = new Random(2);
        for (int round = 0; round < 5; round++) {
            List<Map<String, Long>> partials = new ArrayList<>();
            for (int p = 0; p < 40; p++) {
                partials.add(random.nextInt(5) == 0 ? Map.of() : randomPartial(random, random.nextInt(3_000)));
            }
            assertThat(reduce(partials)).as("round %d", round).isEqualTo(reference(partials));
        }
    }

    /** A result past the writer's buffer (64 KiB) several times over. */
    @Test
    void largeResultOfWordLikeKeys() throws IOException {
        Random random = new Random(4);
        List<Map<String, Long>> partials = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Map<String, Long> partial = new HashMap<>();
            for (int i = 0; i < 40_000; i++) {
                StringBuilder word = new StringBuilder();
                for (int len = 1 + random.nextInt(9), c = 0; c < len; c++) {
                    word.append(random.nextInt(15) == 0 ? (char) ('\u00e0' + random.nextInt(30))
                            : (char) ('a' + random.nextInt(26)));
                }
                partial.merge(word.toString(), 1L, Long::sum);
            }
            partials.add(partial);
        }
        assertThat(reduce(partials)).isEqualTo(reference(partials));
    }
}
