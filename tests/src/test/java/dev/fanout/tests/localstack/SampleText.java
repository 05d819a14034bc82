package dev.fanout.tests.localstack;

import java.util.List;
import java.util.Random;

/**
 * Deterministic test input: lines of lowercase ASCII words separated by single spaces. Such text has one
 * obvious word count, whatever a counter's rules for case and punctuation are.
 *
 * <pre>{@code
 * String text = SampleText.generate(42, 6 * 1024);
 * }</pre>
 */
public final class SampleText {

    private static final List<String> VOCABULARY = List.of("alpha", "bravo", "charlie", "delta", "echo",
            "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
            "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "a",
            "fan", "out", "in");

    private SampleText() {
    }

    /** About {@code approximateBytes} of text (never less), ending with a newline. */
    public static String generate(long seed, int approximateBytes) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(approximateBytes + 128);
        while (text.length() < approximateBytes) {
            int words = 1 + random.nextInt(12);
            for (int i = 0; i < words; i++) {
                // a skewed pick, so counts differ between words and a swapped count would show
                int index = Math.min(random.nextInt(VOCABULARY.size()), random.nextInt(VOCABULARY.size()));
                text.append(i == 0 ? "" : " ").append(VOCABULARY.get(index));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
