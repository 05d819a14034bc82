package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.job.InputRecord;
import dev.fanout.core.json.Json;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * wordcount's byte-keyed partials ({@link WordCounts}) on the reducer's path — decode, merge in chunk order, write —
 * against sums in a {@code TreeMap} written by the shared mapper, byte for byte.
 */
class WordCountsTest {
    /**
     * Letters across the UTF-8 lengths, around the place where UTF-8 and UTF-16 order differ: fullwidth letters
     * (U+FF21.., lead byte EF) sort after supplementary ones (U+1D518, U+10400, U+20000; F0) as Strings.
     */
    private static final String[] LETTERS = {"a", "b", "Z", "0", "é", "ß", "Ω", "ж", "\u05d0", "\u4e2d", "\ud7a3",
        "\uff21", "\uff41", "\uffda", "\ud835\udd18", "\ud801\udc00", "\ud840\udc00", "\u00e0"};
    /** Keys no map phase makes, which the result must still write as the generator does. */
    private static final String[] PIECES = {"a", "\"", "\\", "/", "\n", "\t", "\u0000", "\u001f", "\u007f", "\u0080",
        "\u07ff", "\u0800", "\u2028", "\ud7ff", "\ue000", "\uffff", "\ud835\udd18", "\ud83d\ude00", "\udbff\udfff", "<"};
    private final WordCountJob job = new WordCountJob();

    /** Reference: sums in a TreeMap (String.compareTo order), written by the shared mapper. */
    private static byte[] reference(List<Map<String, Long>> partials) throws IOException {
        Map<String, Long> sums = new TreeMap<>();
        partials.forEach(p -> p.forEach((w, n) -> sums.merge(w, n, Long::sum)));
        return Json.mapper().writeValueAsBytes(sums);
    }

    /** The reducer's path: each partial decoded from its bytes, merged in order into a new accumulator, written. */
    private byte[] reduce(List<byte[]> partials) throws IOException {
        Map<String, Long> acc = job.newAccumulator();
        for (byte[] p : partials) {
            acc = job.merge(acc, job.decode(p));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(acc, out);
        return out.toByteArray();
    }

    private static String randomWord(Random random, String[] pieces, int maxPieces) {
        StringBuilder word = new StringBuilder();
        for (int n = 1 + random.nextInt(maxPieces); n > 0; n--) {
            word.append(pieces[random.nextInt(pieces.length)]);
        }
        return word.toString();
    }

    /** Reference word rule of the class comment of WordCountJob, on Strings. */
    private static Map<String, Long> words(String text) {
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{Nd}]+").matcher(text);
        while (m.find()) {
            counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        return counts;
    }

    @Test
    void mappedChunksReducedFromTheirBytes_areWhatJacksonWritesOfATreeMap() throws IOException {
        Random random = new Random(21);
        List<byte[]> encoded = new ArrayList<>();
        List<Map<String, Long>> expected = new ArrayList<>();
        for (int chunk = 0; chunk < 6; chunk++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 4_000; w++) {
                text.append(randomWord(random, LETTERS, 4)).append(random.nextInt(9) == 0 ? "\n" : " ");
            }
            List<InputRecord> lines = new ArrayList<>();
            for (String line : text.toString().split("\n")) {
                lines.add(new InputRecord(lines.size(), line));
            }
            Map<String, Long> partial = job.map(new TestContext(chunk, Map.of(), null), lines.iterator());
            assertThat(partial).isEqualTo(words(text.toString()));
            encoded.add(job.encode(partial));
            expected.add(words(text.toString()));
        }
        assertThat(reduce(encoded)).isEqualTo(reference(expected));
        assertThat(new String(reduce(encoded), UTF_8)).contains("\"\\uD835\\uDD18\":").contains("\"\uff41");
    }

    /** Escapes, supplementary chars, overlapping partials, and more keys than the tables start with. */
    @Test
    void overlappingPartialsOfManyKeysNeedingEscapes_areWhatJacksonWritesOfATreeMap() throws IOException {
        Random random = new Random(22);
        List<Map<String, Long>> partials = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            Map<String, Long> partial = new HashMap<>();
            for (int i = 0; i < 60_000; i++) {
                String key = random.nextInt(4) == 0 ? randomWord(random, PIECES, 5)
                        : "w" + Integer.toString(random.nextInt(150_000), 36) + randomWord(random, LETTERS, 1);
                partial.merge(key, 1L + random.nextInt(1_000), Long::sum);
            }
            partials.add(partial);
        }
        partials.add(Map.of());
        partials.add(Map.of("\"quoted\"", 1L, "\ud83d\ude00", 2L));
        List<byte[]> encoded = partials.stream().map(job::encode).toList();
        assertThat(reduce(encoded)).isEqualTo(reference(partials));
        // and a combined partial (the combine level): merged, encoded from its bytes, decoded and written again
        Map<String, Long> acc = job.newAccumulator();
        for (byte[] p : encoded) {
            acc = job.merge(acc, job.decode(p));
        }
        assertThat(acc).isInstanceOf(WordCounts.class);
        assertThat(reduce(List.of(job.encode(acc)))).isEqualTo(reference(partials));
    }

    /** The partial format as the encoder of Strings has written it (version 1), in bytes. */
    @Test
    void decodesThePartialFormatOfEarlierBuilds() {
        byte[] partial = HexFormat.of().parseHex(
                "fa0b5701" + "04" + "03616263" + "05" + "02c3a9" + "ac02" + "04f09d9498" + "01" + "00" + "00");
        assertThat(job.decode(partial)).isInstanceOf(WordCounts.class)
                .isEqualTo(Map.of("abc", 5L, "é", 300L, "\ud835\udd18", 1L, "", 0L));
        // and encodes its own in that format: read here with nothing but the format's description
        assertThat(readFormat(job.encode(job.decode(partial))))
                .isEqualTo(Map.of("abc", 5L, "é", 300L, "\ud835\udd18", 1L, "", 0L));
    }

    private static Map<String, Long> readFormat(byte[] b) {
        assertThat(HexFormat.of().formatHex(b, 0, 4)).isEqualTo("fa0b5701");
        int[] at = {4};
        java.util.function.LongSupplier varint = () -> {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[at[0]++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        };
        Map<String, Long> map = new LinkedHashMap<>();
        for (long n = varint.getAsLong(); n > 0; n--) {
            int length = (int) varint.getAsLong();
            String word = new String(b, at[0], length, UTF_8);
            at[0] += length;
            map.put(word, varint.getAsLong());
        }
        assertThat(at[0]).isEqualTo(b.length);
        return map;
    }

    /** Ill-formed UTF-8 in a partial reads as {@code new String(bytes, UTF_8)} reads it: U+FFFD, and merges so. */
    @Test
    void illFormedUtf8InAPartialBecomesTheReplacementChar() throws IOException {
        byte[] partial = HexFormat.of().parseHex("fa0b5701" + "02" + "02c328" + "07" + "03efbfbd" + "01");
        Map<String, Long> decoded = job.decode(partial);
        assertThat(decoded).isEqualTo(Map.of("\ufffd(", 7L, "\ufffd", 1L));
        assertThat(new String(reduce(List.of(partial, job.encode(Map.of("\ufffd", 2L)))), UTF_8))
                .isEqualTo("{\"\ufffd\":3,\"\ufffd(\":7}");
    }

    @Test
    void isAMapOfStrings() {
        Map<String, Long> expected = new HashMap<>();
        Random random = new Random(23);
        for (int i = 0; i < 3_000; i++) {
            expected.put(randomWord(random, PIECES, 4), (long) i);
        }
        Map<String, Long> counts = job.decode(job.encode(expected));
        assertThat(counts).isInstanceOf(WordCounts.class).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(counts);
        assertThat(new HashMap<>(counts)).isEqualTo(expected);
        expected.forEach((k, v) -> assertThat(counts.get(k)).as(k).isEqualTo(v));
        assertThat(counts.get("not there")).isNull();
        assertThat(counts.containsKey("\ud800")).isFalse(); // a lone surrogate: no UTF-8, no key
        assertThat(counts.containsKey(42)).isFalse();
        assertThatThrownBy(() -> counts.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void combineChangesNeitherPartial_andMergeTakesMapsOfOtherClasses() throws IOException {
        Map<String, Long> a = job.decode(job.encode(Map.of("x", 1L, "y", 2L, "\u00e9", 3L)));
        Map<String, Long> b = job.decode(job.encode(Map.of("y", 10L, "z", 20L)));
        Map<String, Long> sum = job.combine(a, b);
        assertThat(sum).isEqualTo(Map.of("x", 1L, "y", 12L, "z", 20L, "\u00e9", 3L));
        assertThat(a).isEqualTo(Map.of("x", 1L, "y", 2L, "\u00e9", 3L));
        assertThat(b).isEqualTo(Map.of("y", 10L, "z", 20L));
        assertThat(job.combine(job.empty(), b)).isEqualTo(b).isNotSameAs(b);
        Map<String, Long> acc = job.merge(job.newAccumulator(), a);
        acc = job.merge(acc, new HashMap<>(Map.of("x", 5L, "\ud800", 6L)));  // a caller's map, lone surrogate and all
        acc = job.merge(acc, Map.of("y", 1L));
        assertThat(acc).isEqualTo(Map.of("x", 6L, "y", 3L, "\u00e9", 3L, "\ud800", 6L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(acc, out);
        assertThat(out.toByteArray()).isEqualTo(Json.mapper().writeValueAsBytes(new TreeMap<>(acc)));
    }

    /**
     * A decoded partial is read into the accumulator's table when merged; its bytes, and a copy combine made, stay as
     * they were, and its own encoding is its bytes.
     */
    @Test
    void aDecodedPartialReadStraightIntoTheAccumulatorStaysAsItWas() {
        byte[] first = job.encode(Map.of("a", 1L, "b", 2L));
        byte[] second = job.encode(Map.of("b", 10L, "c", 20L, "d", 30L));
        byte[] secondCopy = second.clone();
        Map<String, Long> one = job.decode(first);
        Map<String, Long> two = job.decode(second);
        assertThat(job.encode(two)).isEqualTo(secondCopy).isNotSameAs(second);
        Map<String, Long> copy = job.combine(job.empty(), two);
        Map<String, Long> acc = job.merge(job.merge(job.newAccumulator(), one), two);
        acc = job.merge(acc, job.decode(first));
        assertThat(acc).isEqualTo(Map.of("a", 2L, "b", 14L, "c", 20L, "d", 30L));
        assertThat(second).isEqualTo(secondCopy);
        assertThat(copy).isEqualTo(Map.of("b", 10L, "c", 20L, "d", 30L)); // merge may reuse two, not combine's copy
        assertThat(job.decode(second)).hasSize(3).containsEntry("d", 30L);
    }
}
