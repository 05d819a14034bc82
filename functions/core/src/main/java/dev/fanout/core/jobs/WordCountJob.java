package dev.fanout.core.jobs;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.Record;
import dev.fanout.core.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wordcount}: words are maximal runs of code points for which {@link Character#isLetterOrDigit(int)}
 * holds, lower-cased with {@link Locale#ROOT}. Result: a JSON object word → count, keys sorted.
 *
 * <pre>{@code
 * {"jobType": "wordcount", "input": {"s3Uri": "s3://<input bucket>/books/moby-dick.txt"}}
 * }</pre>
 */
public final class WordCountJob implements Job<Map<String, Long>> {
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
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
    public Map<String, Long> map(MapContext context, Iterator<Record> records) {
        Map<String, long[]> counts = new HashMap<>();
        while (records.hasNext()) {
            countWords(records.next().text(), counts);
        }
        Map<String, Long> result = new HashMap<>(counts.size() * 2);
        counts.forEach((word, n) -> result.put(word, n[0]));
        return result;
    }

    private static void countWords(String line, Map<String, long[]> counts) {
        int wordStart = -1;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            boolean inWord = cp < 128 ? ASCII_WORD[cp] : Character.isLetterOrDigit(cp);
            if (inWord && wordStart < 0) {
                wordStart = i;
            } else if (!inWord && wordStart >= 0) {
                count(line.substring(wordStart, i), counts);
                wordStart = -1;
            }
            i += Character.charCount(cp);
        }
        if (wordStart >= 0) {
            count(line.substring(wordStart), counts);
        }
    }

    private static void count(String word, Map<String, long[]> counts) {
        counts.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> new long[1])[0]++;
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
    public byte[] encode(Map<String, Long> partial) {
        return Json.writeBytes(partial);
    }

    @Override
    public Map<String, Long> decode(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, COUNTS);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a wordcount partial", e);
        }
    }

    @Override
    public void writeResult(Map<String, Long> result, OutputStream out) throws IOException {
        Json.mapper().writeValue(new NonClosing(out), new TreeMap<>(result));
    }
}
