package dev.fanout.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The end-to-end benchmark's inputs and its Java baselines ({@code benchmarks/e2e.sh}), each an independent
 * implementation that shares no code with the jobs:
 * <ul>
 *   <li>{@code text FILE BYTES}: about BYTES of seeded text ({@link Inputs#text} blocks: Zipf words with Latin-1
 *       letters and digits, punctuation, blank lines, CRLF) with a few lines of several MiB;</li>
 *   <li>{@code csv FILE BYTES}: about BYTES of seeded CSV ({@link Inputs#csv} blocks, one header);</li>
 *   <li>{@code wordcount FILE OUT.json}: a plain single-threaded count (BufferedReader, HashMap, the wordcount
 *       rule: maximal runs of {@link Character#isLetterOrDigit(int)} code points, lower-cased with
 *       {@link Locale#ROOT});</li>
 *   <li>{@code csv-aggregate FILE GROUP VALUE OUT.json}: a plain single-threaded aggregation (BufferedReader,
 *       RFC 4180 fields, {@link BigDecimal} count, sum, min, max, mean to 16 digits);</li>
 *   <li>{@code same A.json B.json}: exit 0 when both JSON documents are equal, numbers compared by value.</li>
 * </ul>
 */
public final class EndToEnd {
    private static final int BLOCK = 8 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private EndToEnd() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "text" -> text(Path.of(args[1]), Long.parseLong(args[2]));
            case "csv" -> csv(Path.of(args[1]), Long.parseLong(args[2]));
            case "wordcount" -> write(wordcount(Path.of(args[1])), Path.of(args[2]));
            case "csv-aggregate" -> write(csvAggregate(Path.of(args[1]), args[2], args[3]), Path.of(args[4]));
            case "same" -> System.exit(same(Path.of(args[1]), Path.of(args[2])) ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** Blocks of {@link Inputs#text}, each ending with a line break, and now and then a line of 2–5 MiB. */
    static void text(Path file, long bytes) throws IOException {
        Random random = new Random(256);
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            for (int block = 0; written < bytes; block++) {
                byte[] b = Inputs.text((int) Math.min(BLOCK, bytes - written), 1000L + block);
                out.write(b);
                written += b.length;
                if (block % 8 == 3 && written < bytes) {
                    byte[] word = ("Lang" + block + "é ").getBytes(UTF_8);
                    int length = (2 << 20) + random.nextInt(3 << 20);
                    for (int n = 0; n < length; n += word.length) {
                        out.write(word);
                    }
                    out.write('\n');
                    written += length + 1;
                }
            }
        }
    }

    /** Blocks of {@link Inputs#csv}; the header only once. */
    static void csv(Path file, long bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            for (int block = 0; written < bytes; block++) {
                byte[] b = Inputs.csv((int) Math.min(BLOCK, bytes - written), 2000L + block);
                int from = 0;
                if (block > 0) {
                    while (b[from] != '\n') {
                        from++;
                    }
                    from++;
                }
                out.write(b, from, b.length - from);
                written += b.length - from;
            }
        }
    }

    static Map<String, Long> wordcount(Path file) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        StringBuilder word = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(file, UTF_8)) {
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
        return new TreeMap<>(counts);
    }

    static Map<String, Map<String, Object>> csvAggregate(Path file, String groupBy, String value) throws IOException {
        Map<String, BigDecimal[]> groups = new HashMap<>(); // count, sum, min, max
        try (BufferedReader in = Files.newBufferedReader(file, UTF_8)) {
            List<String> header = fields(in.readLine());
            int g = header.indexOf(groupBy);
            int v = header.indexOf(value);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> f = fields(line);
                BigDecimal x = new BigDecimal(f.get(v).strip());
                BigDecimal[] s = groups.get(f.get(g));
                if (s == null) {
                    groups.put(f.get(g), new BigDecimal[] {BigDecimal.ONE, x, x, x});
                } else {
                    s[0] = s[0].add(BigDecimal.ONE);
                    s[1] = s[1].add(x);
                    s[2] = s[2].min(x);
                    s[3] = s[3].max(x);
                }
            }
        }
        Map<String, Map<String, Object>> result = new TreeMap<>();
        groups.forEach((k, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", s[0]);
            row.put("sum", s[1]);
            row.put("min", s[2]);
            row.put("max", s[3]);
            row.put("mean", s[1].divide(s[0], MathContext.DECIMAL64));
            result.put(k, row);
        });
        return result;
    }

    /** RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static void write(Object result, Path out) throws IOException {
        JSON.writeValue(out.toFile(), result);
    }

    static boolean same(Path a, Path b) throws IOException {
        return same(JSON.readTree(a.toFile()), JSON.readTree(b.toFile()));
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
