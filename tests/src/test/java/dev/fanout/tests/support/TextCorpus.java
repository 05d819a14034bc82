package dev.fanout.tests.support;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Generated text and an independent word count (lower-cased runs of ASCII letters and digits). */
public final class TextCorpus {
    private static final String[] WORDS = {"alpha", "Beta", "gamma", "DELTA", "epsilon", "zeta", "eta", "theta",
            "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi",
            "chi", "psi", "omega", "x1", "2024", "fan", "out", "chunk", "river", "stone", "light"};
    private static final String[] SEPARATORS = {" ", " ", " ", ", ", ". ", "; ", " - ", "\t", "'", "(", ") "};

    private TextCorpus() {
    }

    /** About {@code bytes} of lines of random words and punctuation; some lines end in CRLF, some are empty. */
    public static byte[] generate(long bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder((int) bytes + 256);
        while (text.length() < bytes) {
            int words = random.nextInt(25);
            for (int i = 0; i < words; i++) {
                text.append(WORDS[random.nextInt(WORDS.length)]);
                text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A deliberately plain count: split on anything that is not [a-z0-9] after lower-casing. */
    public static Map<String, Long> count(byte[] text) {
        Map<String, Long> counts = new HashMap<>();
        for (String word : new String(text, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }
}
