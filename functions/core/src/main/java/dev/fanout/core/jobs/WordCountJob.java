package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.internal.Utf8;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * {@code wordcount}: words are maximal runs of code points for which {@link Character#isLetterOrDigit(int)}
 * holds, lower-cased with {@link Locale#ROOT}. Result: a JSON object word → count, keys sorted.
 *
 * <pre>{@code
 * {"jobType": "wordcount", "input": {"s3Uri": "s3://<input bucket>/books/moby-dick.txt"}}
 * }</pre>
 */
public final class WordCountJob implements Job<Map<String, Long>> {
    private static final char TAG = 'W';
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    @Override
    public String name() {
        return "wordcount";
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.TEXT_LINES;
    }

    @Override
    public Map<String, Long> map(MapContext context, Iterator<InputRecord> records) {
        return map(context, RecordCursor.over(records));
    }

    /**
     * Scans each line's UTF-8 bytes: words are lower-cased into a scratch buffer and counted with no allocation
     * (ASCII byte by byte, others code point by code point); only a word with a final-sigma or dotted-capital-I
     * candidate, whose lower case depends on the whole word, is lower-cased as a String
     * ({@code toLowerCase(Locale.ROOT)}), so the counts are those of the rule in the class comment exactly.
     */
    @Override
    public Map<String, Long> map(MapContext context, RecordCursor records) {
        Counts counts = new Counts();
        while (records.next()) {
            countWords(records.bytes(), records.start(), records.start() + records.length(), counts);
        }
        return counts.toMap();
    }

    /** Distinct words and their counts, plus a scratch buffer for lower-casing. */
    private static final class Counts {
        final ByteKeys words = new ByteKeys();
        long[] counts = new long[1 << 10];
        byte[] lower = new byte[256];

        void increment(byte[] word, int from, int length, int hash) {
            int i = words.indexOf(word, from, length, hash);
            if (i == counts.length) {
                counts = Arrays.copyOf(counts, counts.length * 2);
            }
            counts[i]++;
        }

        Map<String, Long> toMap() {
            Map<String, Long> map = HashMap.newHashMap(words.size());
            for (int i = 0; i < words.size(); i++) {
                map.put(words.key(i), counts[i]);
            }
            return map;
        }
    }

    /** Counts the words of {@code line[from, to)} (valid UTF-8). */
    private static void countWords(byte[] line, int from, int to, Counts counts) {
        int wordStart = -1;
        boolean ascii = true;
        int i = from;
        while (i < to) {
            byte b = line[i];
            boolean inWord;
            int n;
            if (b >= 0) {
                inWord = ASCII_WORD[b];
                n = 1;
            } else {
                inWord = Character.isLetterOrDigit(Utf8.codePointAt(line, i));
                n = Utf8.length(b);
            }
            if (inWord) {
                if (wordStart < 0) {
                    wordStart = i;
                    ascii = true;
                }
                ascii &= b >= 0;
            } else if (wordStart >= 0) {
                count(line, wordStart, i, ascii, counts);
                wordStart = -1;
            }
            i += n;
        }
        if (wordStart >= 0) {
            count(line, wordStart, to, ascii, counts);
        }
    }

    private static void count(byte[] line, int from, int to, boolean ascii, Counts counts) {
        if (!ascii) {
            if (!countLowerCodePoints(line, from, to, counts)) {
                byte[] word = new String(line, from, to - from, UTF_8).toLowerCase(Locale.ROOT).getBytes(UTF_8);
                counts.increment(word, 0, word.length, ByteKeys.hash(word, 0, word.length));
            }
            return;
        }
        int length = to - from;
        if (length > counts.lower.length) {
            counts.lower = new byte[Math.max(length, counts.lower.length * 2)];
        }
        byte[] lower = counts.lower;
        int h = 0;
        for (int k = 0; k < length; k++) {
            byte c = line[from + k];
            byte l = c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
            lower[k] = l;
            h = 31 * h + l;
        }
        counts.increment(lower, 0, length, h);
    }

    /**
     * Lower-cases a non-ASCII word code point by code point ({@link Character#toLowerCase(int)}) into the scratch
     * buffer and counts it, without a String. {@code String.toLowerCase(Locale.ROOT)} gives exactly that except for
     * its two special cases, U+0130 (to "i\u0307") and U+03A3 (final sigma, which depends on the neighbours):
     * a word holding either is left to the String path (returns false). {@code WordCountJobTest} checks the
     * equivalence for every letter and digit of the running JDK.
     */
    private static boolean countLowerCodePoints(byte[] line, int from, int to, Counts counts) {
        int capacity = 2 * (to - from) + 4;   // a lower-cased code point may take one more UTF-8 byte than its capital
        if (capacity > counts.lower.length) {
            counts.lower = new byte[Math.max(capacity, counts.lower.length * 2)];
        }
        byte[] lower = counts.lower;
        int length = 0;
        int h = 0;
        for (int i = from; i < to; ) {
            byte b = line[i];
            int cp;
            if (b >= 0) {
                cp = b;
                i++;
            } else {
                cp = Utf8.codePointAt(line, i);
                if (cp == 0x130 || cp == 0x3A3) {
                    return false;
                }
                i += Utf8.length(b);
            }
            int l = Character.toLowerCase(cp);
            int start = length;
            if (l < 0x80) {
                lower[length++] = (byte) l;
            } else if (l < 0x800) {
                lower[length++] = (byte) (0xC0 | l >> 6);
                lower[length++] = (byte) (0x80 | l & 0x3F);
            } else if (l < 0x10000) {
                lower[length++] = (byte) (0xE0 | l >> 12);
                lower[length++] = (byte) (0x80 | l >> 6 & 0x3F);
                lower[length++] = (byte) (0x80 | l & 0x3F);
            } else {
                lower[length++] = (byte) (0xF0 | l >> 18);
                lower[length++] = (byte) (0x80 | l >> 12 & 0x3F);
                lower[length++] = (byte) (0x80 | l >> 6 & 0x3F);
                lower[length++] = (byte) (0x80 | l & 0x3F);
            }
            for (int k = start; k < length; k++) {
                h = 31 * h + lower[k];
            }
        }
        counts.increment(lower, 0, length, h);
        return true;
    }

    @Override
    public Map<String, Long> combine(Map<String, Long> left, Map<String, Long> right) {
        Map<String, Long> sum = new HashMap<>(left);
        right.forEach((w, n) -> sum.merge(w, n, Long::sum));
        return sum;
    }

    @Override
    public Map<String, Long> empty() {
        return Map.of();
    }

    @Override
    public Map<String, Long> newAccumulator() {
        return new HashMap<>();
    }

    /** Adds the smaller map into the larger (counting is commutative), changing only maps it may change. */
    @Override
    public Map<String, Long> merge(Map<String, Long> accumulator, Map<String, Long> next) {
        Map<String, Long> into = accumulator;
        Map<String, Long> from = next;
        if (next instanceof HashMap<String, Long> && next.size() > accumulator.size()) {
            into = next;
            from = accumulator;
        }
        Map<String, Long> target = into instanceof HashMap<String, Long> ? into : new HashMap<>(into);
        from.forEach((w, n) -> target.merge(w, n, Long::sum));
        return target;
    }

    /** {@link BinaryPartial} tag {@code W}: the number of words, then each word and its count. */
    @Override
    public byte[] encode(Map<String, Long> partial) {
        BinaryPartial.Writer out = new BinaryPartial.Writer(TAG, 16 + partial.size() * 12);
        out.varLong(partial.size());
        partial.forEach((word, n) -> out.string(word).varLong(n));
        return out.toByteArray();
    }

    @Override
    public Map<String, Long> decode(byte[] bytes) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, TAG, "wordcount");
        int n = in.count();
        Map<String, Long> counts = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            String word = in.string();
            counts.put(word, in.varLong());
        }
        in.end();
        return counts;
    }

    /**
     * The counts as one JSON object, keys in {@link String#compareTo} order (a {@code TreeMap}'s), streamed: no tree
     * of the hundreds of thousands of words of a large result, whose inserts chase pointers the cache cannot hold
     * (that took most of the reducer's time).
     */
    @Override
    public void writeResult(Map<String, Long> result, OutputStream out) throws IOException {
        String[] words = new String[result.size()];
        long[] counts = new long[words.length];
        int[] next = {0};
        result.forEach((word, n) -> {
            words[next[0]] = word;
            counts[next[0]++] = n;
        });
        try (CountsWriter json = new CountsWriter(out)) {
            for (int i : SortedKeys.order(words)) {
                json.write(words[i], counts[i]);
            }
        }
    }
}
