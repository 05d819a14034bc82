package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.internal.Swar;
import dev.fanout.core.internal.Utf8;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * {@code wordcount}: words are maximal runs of code points for which {@link Character#isLetterOrDigit(int)}
 * holds, lower-cased with {@link Locale#ROOT}. Result: a JSON object word → count, keys sorted.
 *
 * <p>Its partials are {@link WordCounts}: maps whose words stay UTF-8 bytes from the map phase through the encoded
 * partial, the reducer's merge and the result, with no String per word on the way.
 *
 * <pre>{@code
 * {"jobType": "wordcount", "input": {"s3Uri": "s3://<input bucket>/books/moby-dick.txt"}}
 * }</pre>
 */
public final class WordCountJob implements Job<Map<String, Long>> {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Per ASCII byte: its lower case if it is a letter or digit, 0 if it is not. */
    private static final byte[] ASCII_LOWER = new byte[128];
    /**
     * Per code point below U+0800 (one or two UTF-8 bytes): its lower case if it is a letter or digit, {@link #NOT_WORD}
     * if it is not, {@link #WHOLE_WORD} for U+0130 and U+03A3, whose lower case {@code String.toLowerCase} takes from
     * the whole word.
     */
    private static final int[] LOWER_BELOW_800 = new int[0x800];
    private static final int NOT_WORD = -1;
    private static final int WHOLE_WORD = -2;

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_LOWER[c] = Character.isLetterOrDigit(c) ? (byte) Character.toLowerCase(c) : 0;
        }
        for (int c = 0; c < 0x800; c++) {
            LOWER_BELOW_800[c] = lowerOrMark(c);
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
     * Scans each line's UTF-8 bytes once: each word is lower-cased into a scratch buffer and hashed as it is
     * found, then counted, with no allocation (ASCII byte by byte through a table, code points below U+0800
     * through another, the rest through {@link Character}); only a word with a final-sigma or dotted-capital-I
     * candidate, whose lower case depends on the whole word, is lower-cased as a String
     * ({@code toLowerCase(Locale.ROOT)}), so the counts are those of the rule in the class comment exactly.
     */
    @Override
    public Map<String, Long> map(MapContext context, RecordCursor records) {
        Counts counts = new Counts();
        while (records.next()) {
            countWords(records.bytes(), records.start(), records.start() + records.length(), counts);
        }
        return counts.toCounts();
    }

    /**
     * Distinct words and their counts, plus a scratch buffer for lower-casing (at least 16 bytes, which
     * {@link ByteKeys} then reads as two longs).
     */
    private static final class Counts {
        private static final int SLACK = 8; // eight ASCII bytes or a code point's UTF-8 bytes
        final ByteKeys words = new ByteKeys();
        byte[] lower = new byte[256];

        /** The scratch buffer grown (its first {@code used} bytes kept) to hold more than {@code used} + SLACK. */
        byte[] grow(int used) {
            lower = Arrays.copyOf(lower, Math.max(used + 1 + SLACK, lower.length * 2));
            return lower;
        }

        WordCounts toCounts() {
            return new WordCounts(words);
        }
    }

    /**
     * Counts the words of {@code line[from, to)} (valid UTF-8). ASCII goes eight bytes at a time where the array
     * has them ({@link #letterBits}, {@link #digitBits}); the rest byte by byte or code point by code point.
     */
    private static void countWords(byte[] line, int from, int to, Counts counts) {
        byte[] lower = counts.lower;
        int limit = lower.length - Counts.SLACK;
        int i = from;
        int lastLong = line.length - 8;
        while (i < to) {
            if (i <= lastLong) {
                long word = (long) LONGS.get(line, i);
                long stop = (letterOrDigitBits(word) | word) & HIGH; // a letter, digit or non-ASCII byte stops
                int skip = stopAt(stop, to - i);
                i += skip;
                if (skip == 8 || i >= to) {
                    continue;
                }
            }
            int start = i;
            int n = 0;
            boolean wholeWord = false;
            while (i <= lastLong) {
                if (n >= limit) {
                    lower = counts.grow(n);
                    limit = lower.length - Counts.SLACK;
                }
                long word = (long) LONGS.get(line, i);
                long letters = letterBits(word);
                long stop = (~(letters | digitBits(word)) | word) & HIGH; // anything else or non-ASCII stops
                int k = stopAt(stop, to - i);
                LONGS.set(lower, n, word | letters >>> 2); // 'A'..'Z' | 0x20 = 'a'..'z'; 'a'..'z' unchanged
                n += k;
                i += k;
                if (k < 8) {
                    break;
                }
            }
            while (i < to) {
                byte b = line[i];
                if (b >= 0) {
                    byte l = ASCII_LOWER[b];
                    if (l == 0) {
                        break;
                    }
                    if (n >= limit) {
                        lower = counts.grow(n);
                        limit = lower.length - Counts.SLACK;
                    }
                    lower[n++] = l;
                    i++;
                } else {
                    int cp = Utf8.codePointAt(line, i);
                    int l = cp < 0x800 ? LOWER_BELOW_800[cp] : lowerOrMark(cp);
                    if (l == NOT_WORD) {
                        break;
                    }
                    if (n >= limit) {
                        lower = counts.grow(n);
                        limit = lower.length - Counts.SLACK;
                    }
                    if (l == WHOLE_WORD) {
                        wholeWord = true;
                    } else {
                        n = Utf8.encode(l, lower, n);
                    }
                    i += Utf8.length(b);
                }
            }
            if (i > start) {
                if (wholeWord) {
                    byte[] word = new String(line, start, i - start, UTF_8).toLowerCase(Locale.ROOT).getBytes(UTF_8);
                    counts.words.add(word, 0, word.length, 1);
                } else {
                    counts.words.add(lower, 0, n, 1);
                }
            } else {
                i += Utf8.length(line[i]); // a separator
            }
        }
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /*
     * Eight bytes at a time (little-endian: the first byte at the low end), per byte as its high bit: x is in
     * [lo, hi] if x + (0x80 - lo) has it set and x + (0x7F - hi) has it clear (no carry crosses bytes for ASCII x;
     * bytes with the high bit set are not ASCII and stop the scan, and a carry out of them only reaches later
     * bytes). The helpers below are small enough (at most 35 bytes of bytecode) for the client compiler to inline
     * them into countWords, which runs compiled by it alone in short runs; larger helpers stayed calls there, a
     * few per eight bytes. The client compiler's code is also what runs on AWS: Lambda's java17 and java21 runtimes
     * stop tiered compilation at level 1 by default ("Customizing tiered compilation settings",
     * https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html), so the loop is shaped for C1 first.
     */

    /** 0x80 in each byte of {@code word} that is an ASCII letter, either case (x | 0x20 in 'a'..'z'). */
    private static long letterBits(long word) {
        long folded = word | 0x2020202020202020L;
        return folded + (0x80 - 'a') * ONES & ~(folded + (0x7F - 'z') * ONES) & HIGH;
    }

    /** 0x80 in each byte of {@code word} that is an ASCII digit. */
    private static long digitBits(long word) {
        return word + (0x80 - '0') * ONES & ~(word + (0x7F - '9') * ONES) & HIGH;
    }

    /** {@link #letterBits} | {@link #digitBits}. */
    private static long letterOrDigitBits(long word) {
        return letterBits(word) | digitBits(word);
    }

    /**
     * How many bytes come before the first byte of a word whose bit is set in {@code stop} (0x80 per byte) or that
     * lies at or past {@code left}: 0 to 8.
     */
    private static int stopAt(long stop, int left) {
        if (left < 8) {
            stop |= HIGH << (left << 3);
        }
        return stop == 0 ? 8 : Swar.lowestHighByte(stop); // not numberOfTrailingZeros: see Swar
    }

    /**
     * {@link Character#toLowerCase(int)} of a letter or digit, {@link #NOT_WORD} for other code points and
     * {@link #WHOLE_WORD} for U+0130 and U+03A3: {@code String.toLowerCase(Locale.ROOT)} lower-cases code point by
     * code point except for these two, its special cases (U+0130 to "i\u0307", U+03A3 to a final sigma or not
     * after its neighbours). {@code WordCountJobTest} checks the equivalence for every letter and digit of the
     * running JDK.
     */
    private static int lowerOrMark(int cp) {
        if (!Character.isLetterOrDigit(cp)) {
            return NOT_WORD;
        }
        return cp == 0x130 || cp == 0x3A3 ? WHOLE_WORD : Character.toLowerCase(cp);
    }

    /**
     * Partials of this job ({@link WordCounts}, or empty maps) are combined by bytes; maps of other classes a caller
     * passes in by Strings, as {@code HashMap}s.
     */
    @Override
    public Map<String, Long> combine(Map<String, Long> left, Map<String, Long> right) {
        if (byteKeyed(left) && byteKeyed(right)) {
            Map<String, Long> larger = left.size() >= right.size() ? left : right;
            Map<String, Long> smaller = larger == left ? right : left;
            WordCounts sum = larger instanceof WordCounts counts ? counts.copy() : new WordCounts();
            if (smaller instanceof WordCounts counts) {
                sum.add(counts);
            }
            return sum;
        }
        Map<String, Long> sum = new HashMap<>(left);
        right.forEach((w, n) -> sum.merge(w, n, Long::sum));
        return sum;
    }

    private static boolean byteKeyed(Map<String, Long> partial) {
        return partial instanceof WordCounts || partial.isEmpty();
    }

    @Override
    public Map<String, Long> empty() {
        return Map.of();
    }

    @Override
    public Map<String, Long> newAccumulator() {
        return new WordCounts();
    }

    /**
     * This job's own partials ({@link WordCounts}) by bytes, a decoded one read straight into the accumulator
     * ({@link WordCounts#merge}); maps of other classes by Strings, the smaller added into the larger
     * {@code HashMap} (counting is commutative). Changes only maps it may change.
     */
    @Override
    public Map<String, Long> merge(Map<String, Long> accumulator, Map<String, Long> next) {
        if (next.isEmpty()) {
            return accumulator;
        }
        if (accumulator instanceof WordCounts into && next instanceof WordCounts from) {
            return into.merge(from);
        }
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

    /**
     * {@link BinaryPartial} tag {@code W}: the number of words, then each word (UTF-8) and its count; a
     * {@link WordCounts} straight from its bytes.
     */
    @Override
    public byte[] encode(Map<String, Long> partial) {
        if (partial instanceof WordCounts counts) {
            return counts.encode();
        }
        BinaryPartial.Writer out = new BinaryPartial.Writer(WordCounts.TAG, 16 + partial.size() * 12);
        out.varLong(partial.size());
        partial.forEach((word, n) -> out.string(word).varLong(n));
        return out.toByteArray();
    }

    /** A {@link WordCounts}, checked but not yet read into a table ({@link WordCounts#decode}): no String per word. */
    @Override
    public Map<String, Long> decode(byte[] bytes) {
        return WordCounts.decode(bytes);
    }

    /**
     * The counts as one JSON object, keys in {@link String#compareTo} order (a {@code TreeMap}'s), streamed: no tree
     * of the hundreds of thousands of words of a large result, whose inserts chase pointers the cache cannot hold
     * (that took most of the reducer's time). A {@link WordCounts} is sorted and written from its bytes.
     */
    @Override
    public void writeResult(Map<String, Long> result, OutputStream out) throws IOException {
        if (result instanceof WordCounts counts) {
            counts.writeJson(out);
            return;
        }
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
