package dev.fanout.tests.localstack;

import java.util.List;
import java.util.Random;

/**
 * Deterministic test input: newline-terminated lines of words in mixed case, with punctuation and a few
 * non-ASCII words (multi-byte in UTF-8), so that chunk boundaries and the word rules are both exercised.
 *
 * <pre>{@code
 * String text = SampleText.generate(42, 6 * 1024);
 * }</pre>
 */
public final class SampleText {

    private static final List<String> VOCABULARY = List.of("alpha", "Bravo", "CHARLIE", "delta", "echo",
            "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
            "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
            "fan-out", "fan-in", "Straße", "naïve", "日本", "4566", "v2");
    private static final List<String> SEPARATORS = List.of(" ", " ", " ", ", ", "; ", " -- ", "\t", ". ");

    private SampleText() {
    }

    /** At least {@code approximateBytes} characters of text (a little more), ending with a newline. */
    public static String generate(long seed, int approximateBytes) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(approximateBytes + 256);
        while (text.length() < approximateBytes) {
            int words = 1 + random.nextInt(12);
            for (int i = 0; i < words; i++) {
                // a skewed pick, so counts differ between words and a swapped count would show
                int index = Math.min(random.nextInt(VOCABULARY.size()), random.nextInt(VOCABULARY.size()));
                text.append(i == 0 ? "" : SEPARATORS.get(random.nextInt(SEPARATORS.size())))
                        .append(VOCABULARY.get(index));
            }
            text.append(random.nextInt(4) == 0 ? "!\n" : "\n");
        }
        return text.toString();
    }
}
