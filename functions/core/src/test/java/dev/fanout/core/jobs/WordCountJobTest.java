package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.job.InputRecord;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WordCountJobTest {
    private final WordCountJob job = new WordCountJob();
    private static final String[] PIECES = {"a", "B", "z", "É", "é", "ß", "İ", "Σ", "ς", "9", "٣", "\ud835\udd18",
        " ", " ", ",", ".", "-", "'", "_", "\u00a0", "😀", "\u0301", "x"};

    private static List<InputRecord> lines(String... lines) {
        List<InputRecord> records = new ArrayList<>();
        for (String line : lines) {
            records.add(new InputRecord(records.size(), line));
        }
        return records;
    }

    private Map<String, Long> map(List<InputRecord> records) {
        return job.map(new TestContext(0, Map.of(), null), records.iterator());
    }

    /** Reference: letters (\p{L}) and decimal digits (\p{Nd}) are exactly Character.isLetterOrDigit. */
    private static Map<String, Long> reference(List<InputRecord> records) {
        Map<String, Long> counts = new HashMap<>();
        Pattern word = Pattern.compile("[\\p{L}\\p{Nd}]+");
        for (InputRecord r : records) {
            Matcher m = word.matcher(r.text());
            while (m.find()) {
                counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Test
    void countsLowerCasedWordsSplitAtNonLettersAndNonDigits() {
        assertThat(map(lines("Hello, hello! World 42", "x2-x2 HELLO", "", "über_Über")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("hello", 3L, "world", 1L, "42", 1L, "x2", 2L, "über", 2L));
    }

    @Test
    void resultIsAJsonObjectWithSortedKeys() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(map(lines("b a c a")), out);
        assertThat(out.toString(UTF_8)).isEqualTo("{\"a\":2,\"b\":1,\"c\":1}");
    }

    /** Reference: Jackson writing a TreeMap (the keys' natural order) as UTF-8, as the result is written. */
    @Test
    void resultKeysAreInStringOrder_forRandomKeysSharingPrefixes() throws IOException {
        String[] alphabet = {"a", "b", "\u0000", "\u00e9", "\u7fff", "\u8000", "\uffee", "\ud835\udd18", "\ud7ff", "z"};
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            Map<String, Long> counts = new HashMap<>();
            for (int k = 0; k < 2_000; k++) {
                StringBuilder word = new StringBuilder();
                for (int len = 1 + random.nextInt(5), c = 0; c < len; c++) {
                    word.append(alphabet[random.nextInt(alphabet.length)]);
                }
                counts.put(word.toString(), (long) random.nextInt(1_000));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            job.writeResult(counts, out);
            assertThat(out.toString(UTF_8)).isEqualTo(new String(
                    dev.fanout.core.json.Json.mapper().writeValueAsBytes(new java.util.TreeMap<>(counts)), UTF_8));
        }
    }

    @Test
    void chunkedAndCombinedCountsEqualTheReference_forRandomTexts() {
        Random random = new Random(7);
        for (int t = 0; t < 200; t++) {
            List<InputRecord> records = new ArrayList<>();
            for (int l = random.nextInt(30); l > 0; l--) {
                StringBuilder line = new StringBuilder();
                for (int p = random.nextInt(40); p > 0; p--) {
                    line.append(PIECES[random.nextInt(PIECES.length)]);
                }
                records.add(new InputRecord(l, line.toString()));
            }
            Map<String, Long> total = job.empty();
            int from = 0;
            while (from < records.size()) {
                int to = from + 1 + random.nextInt(records.size() - from);
                Map<String, Long> partial = job.decode(job.encode(map(records.subList(from, to))));
                total = random.nextBoolean() ? job.combine(total, partial) : job.combine(partial, total);
                from = to;
            }
            assertThat(total).as("text %d", t).isEqualTo(reference(records));
        }
    }

    /**
     * Every letter and digit of the running JDK, alone, after a capital and before a small letter: the counts
     * equal the reference's {@code String.toLowerCase(Locale.ROOT)} (the job lower-cases code point by code point
     * except for U+0130 and U+03A3).
     */
    @Test
    void everyLetterAndDigitIsLowerCasedAsStringToLowerCaseDoes() {
        List<InputRecord> records = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int words = 0;
        for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
            if (!Character.isLetterOrDigit(cp)) {
                continue;
            }
            String c = Character.toString(cp);
            line.append(c).append(' ').append('Q').append(c).append('z').append(' ').append(c).append(c).append('\u0130')
                    .append(' ');
            if (++words % 500 == 0) {
                records.add(new InputRecord(records.size(), line.toString()));
                line.setLength(0);
            }
        }
        records.add(new InputRecord(records.size(), line.toString()));
        assertThat(words).as("letters and digits beyond ASCII").isGreaterThan(100_000);
        assertThat(map(records)).isEqualTo(reference(records));
    }

    /**
     * Words of one to thousands of code points (ASCII, two-, three- and four-byte letters, capitals, the two
     * whole-word specials), at line starts and ends, on lines with and without separators: the reference's counts.
     */
    @Test
    void longAndNonAsciiWordsAtLineEndsAreCountedAsTheReferenceCounts() {
        String[] letters = {"a", "Q", "7", "é", "Ö", "ß", "Ж", "ж", "Σ", "İ", "中", "ｶ", "\ud835\udd18", "\ud801\udc00", "Ǆ"};
        String[] separators = {" ", ",", "\u00a0", "\u3000", "\u0301", "😀", "\t"};
        Random random = new Random(13);
        for (int t = 0; t < 100; t++) {
            List<InputRecord> records = new ArrayList<>();
            for (int l = 1 + random.nextInt(10); l > 0; l--) {
                StringBuilder line = new StringBuilder();
                if (random.nextBoolean()) {
                    line.append(separators[random.nextInt(separators.length)]);
                }
                for (int w = random.nextInt(6); w > 0; w--) {
                    int length = random.nextInt(4) == 0 ? 1 + random.nextInt(3_000) : 1 + random.nextInt(20);
                    String[] pool = random.nextBoolean() ? new String[] {"a", "Q", "7"} : letters;
                    for (int c = 0; c < length; c++) {
                        line.append(pool[random.nextInt(pool.length)]);
                    }
                    if (w > 1 || random.nextBoolean()) {
                        line.append(separators[random.nextInt(separators.length)]);
                    }
                }
                records.add(new InputRecord(records.size(), line.toString()));
            }
            assertThat(map(records)).as("text %d", t).isEqualTo(reference(records));
        }
    }

    @Test
    void manyDistinctWordsAreEachCounted() {
        List<InputRecord> records = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int n = 0; n < 200_000; n += 10) {
            StringBuilder line = new StringBuilder();
            for (int k = n; k < n + 10; k++) {
                String word = "w" + Integer.toString(k * 7919 % 200_000, 36) + (k % 3 == 0 ? "é" : "");
                line.append(k % 2 == 0 ? word.toUpperCase(Locale.ROOT) : word).append(' ').append(word).append(' ');
                expected.put(word, 2L);
            }
            records.add(new InputRecord(records.size(), line.toString()));
        }
        assertThat(expected).hasSize(200_000);
        assertThat(map(records)).isEqualTo(expected);
    }

    @Test
    void combineIsAssociativeWithEmptyAsIdentity() {
        Map<String, Long> a = map(lines("x y y"));
        Map<String, Long> b = map(lines("y z"));
        Map<String, Long> c = map(lines("z z w"));
        assertThat(job.combine(job.combine(a, b), c)).isEqualTo(job.combine(a, job.combine(b, c)))
                .isEqualTo(Map.of("x", 1L, "y", 3L, "z", 3L, "w", 1L));
        assertThat(job.combine(job.empty(), a)).isEqualTo(a).isEqualTo(job.combine(a, job.empty()));
    }
}
