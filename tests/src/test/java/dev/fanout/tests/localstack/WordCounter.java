package dev.fanout.tests.localstack;

import java.util.Map;
import java.util.TreeMap;

/**
 * The test's own word count, independent of the pipeline's jobs: words are runs of non-whitespace. Used on
 * {@link SampleText}, where this agrees with any sensible definition of a word.
 *
 * <pre>{@code
 * WordCounter.count("to be or not to be"); // {be=2, not=1, or=1, to=2}
 * }</pre>
 */
public final class WordCounter {

    private WordCounter() {
    }

    public static Map<String, Long> count(String text) {
        Map<String, Long> counts = new TreeMap<>();
        for (String word : text.split("\\s+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }
}
