import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Benchmark helpers, run as a single-file program ({@code java PlainWordCount.java ...}):
 * <ul>
 *   <li>{@code generate FILE BYTES}: writes about BYTES of random text lines;</li>
 *   <li>{@code count FILE OUT.json}: a plain single-threaded word count (the wordcount job's rules: runs of
 *       letters or digits, lower-cased) written as a JSON object with sorted keys;</li>
 *   <li>{@code same A.json B.json}: exit 0 when both JSON objects hold the same counts.</li>
 * </ul>
 */
public final class PlainWordCount {
    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]));
            case "count" -> write(count(Path.of(args[1])), Path.of(args[2]));
            case "same" -> System.exit(read(Path.of(args[1])).equals(read(Path.of(args[2]))) ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void generate(Path file, long bytes) throws IOException {
        String[] vocabulary = new String[5000];
        Random random = new Random(1);
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int length = 2 + random.nextInt(9);
            for (int j = 0; j < length; j++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = random.nextInt(7) == 0 ? capitalize(w.toString()) : w.toString();
        }
        String[] separators = {" ", " ", " ", " ", ", ", ". ", "; ", " - "};
        long written = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            while (written < bytes) {
                line.setLength(0);
                int words = 3 + random.nextInt(14);
                for (int i = 0; i < words; i++) {
                    // skewed choice: frequent words are frequent, as in real text
                    int k = (int) (vocabulary.length * Math.pow(random.nextDouble(), 3));
                    line.append(vocabulary[k]).append(separators[random.nextInt(separators.length)]);
                }
                line.append('\n');
                out.write(line.toString());
                written += line.length();
            }
        }
    }

    private static String capitalize(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    static Map<String, Long> count(Path file) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        StringBuilder word = new StringBuilder();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                for (int i = 0; i < line.length(); ) {
                    int cp = line.codePointAt(i);
                    if (Character.isLetterOrDigit(cp)) {
                        word.appendCodePoint(cp);
                    } else if (!word.isEmpty()) {
                        counts.merge(word.toString().toLowerCase(Locale.ROOT), 1L, Long::sum);
                        word.setLength(0);
                    }
                    i += Character.charCount(cp);
                }
                if (!word.isEmpty()) {
                    counts.merge(word.toString().toLowerCase(Locale.ROOT), 1L, Long::sum);
                    word.setLength(0);
                }
            }
        }
        return counts;
    }

    static void write(Map<String, Long> counts, Path out) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write('{');
            boolean first = true;
            for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
                w.write((first ? "" : ",") + "\"" + e.getKey() + "\":" + e.getValue());
                first = false;
            }
            w.write('}');
        }
    }

    /** Reads a flat JSON object of word → count (no escapes needed: words are letters and digits). */
    static Map<String, Long> read(Path file) throws IOException {
        String text = Files.readString(file).trim();
        Map<String, Long> counts = new TreeMap<>();
        String body = text.substring(1, text.length() - 1).trim();
        if (body.isEmpty()) {
            return counts;
        }
        for (String pair : body.split(",")) {
            int colon = pair.lastIndexOf(':');
            String key = pair.substring(0, colon).trim();
            counts.put(key.substring(1, key.length() - 1), Long.parseLong(pair.substring(colon + 1).trim()));
        }
        return counts;
    }
}
