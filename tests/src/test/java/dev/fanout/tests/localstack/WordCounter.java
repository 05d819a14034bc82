package dev.fanout.tests.localstack;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test's own word count, written from the {@code wordcount} job's documented rule rather than from its
 * code: a word is a maximal run of Unicode letters and decimal digits, lower-cased in the root locale.
 *
 * <pre>{@code
 * WordCounter.count("To be, or not to BE."); // {be=2, not=1, or=1, to=2}
 * }</pre>
 */
public final class WordCounter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+");

    private WordCounter() {
    }

    public static Map<String, Long> count(String text) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            counts.merge(matcher.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        return counts;
    }
}
