package dev.fanout.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Random;

/**
 * Deterministic inputs for the benchmarks: text with Zipf-distributed words (ASCII and Latin-1 letters, digits),
 * punctuation, blank lines, CRLF and a few very long lines; a CSV with a header; a JSON array of numbers.
 */
final class Inputs {
    private Inputs() {
    }

    /** Roughly {@code bytes} of UTF-8 text. */
    static byte[] text(int bytes, long seed) {
        Random random = new Random(seed);
        String[] vocabulary = vocabulary(random, 20_000);
        double[] zipf = zipf(vocabulary.length);
        String[] separators = {" ", " ", " ", " ", ", ", ". ", "; ", " - ", " (", ") ", "! "};
        StringBuilder out = new StringBuilder(bytes + 1024);
        while (out.length() < bytes) {
            int r = random.nextInt(1000);
            int words = r == 0 ? 20_000 : r < 40 ? 0 : 1 + random.nextInt(18); // a few very long lines, some blank
            for (int w = 0; w < words; w++) {
                out.append(vocabulary[pick(zipf, random)]).append(separators[random.nextInt(separators.length)]);
            }
            out.append(random.nextInt(20) == 0 ? "\r\n" : "\n");
        }
        return out.toString().getBytes(UTF_8);
    }

    /** Roughly {@code bytes} of CSV: {@code id,city,amount,note} with quoted fields now and then. */
    static byte[] csv(int bytes, long seed) {
        Random random = new Random(seed);
        String[] cities = vocabulary(random, 2_000);
        double[] zipf = zipf(cities.length);
        StringBuilder out = new StringBuilder(bytes + 1024).append("id,city,amount,note\n");
        for (long id = 1; out.length() < bytes; id++) {
            String city = cities[pick(zipf, random)];
            out.append(id).append(',').append(random.nextInt(10) == 0 ? "\"" + city + ", old town\"" : city)
                    .append(',').append(random.nextInt(100_000)).append('.').append(random.nextInt(100))
                    .append(',').append(random.nextInt(4) == 0 ? "\"said \"\"hi\"\"\"" : "plain").append('\n');
        }
        return out.toString().getBytes(UTF_8);
    }

    /** A JSON array of roughly {@code bytes}: integers, some big, and decimals. */
    static byte[] numbers(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(bytes + 64).append('[');
        while (out.length() < bytes) {
            if (out.length() > 1) {
                out.append(random.nextInt(8) == 0 ? ",\n  " : ",");
            }
            switch (random.nextInt(6)) {
                case 0 -> out.append(random.nextInt(1000)).append('.').append(random.nextInt(1000));
                case 1 -> out.append(Math.abs(random.nextLong())).append(random.nextInt(1000));
                case 2 -> out.append('-').append(random.nextInt(1_000_000));
                default -> out.append(random.nextInt(1_000_000));
            }
        }
        return out.append(']').toString().getBytes(UTF_8);
    }

    private static String[] vocabulary(Random random, int size) {
        String letters = "abcdefghijklmnopqrstuvwxyzéèàüöäßçñ";
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder w = new StringBuilder();
            int length = 1 + random.nextInt(10);
            for (int j = 0; j < length; j++) {
                w.append(random.nextInt(30) == 0 ? (char) ('0' + random.nextInt(10))
                        : letters.charAt(random.nextInt(random.nextInt(8) == 0 ? letters.length() : 26)));
            }
            String word = w.toString();
            words[i] = random.nextInt(6) == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word;
        }
        return words;
    }

    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, Random random) {
        int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, i < 0 ? -i - 1 : i);
    }
}
