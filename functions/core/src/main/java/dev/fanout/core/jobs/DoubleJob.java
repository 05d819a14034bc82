package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code double}: a JSON array of numbers → the array with every number doubled, in input order, computed
 * exactly. Integers (no fraction, no exponent) stay integers of any size: {@code 2 → 4},
 * {@code 123456789012345678901 → 246913578024691357802}. Other numbers are doubled as decimals keeping their
 * scale: {@code 1.5 → 3.0}, {@code 0.25 → 0.50}, {@code 1e3 → 2E+3}. {@code -0 → 0}. Any element that is not
 * a number is a {@link MalformedRecordException} naming its byte offset.
 *
 * <p>The whole result is held in memory by the reducer (a partial is the list of doubled numbers).
 *
 * <pre>{@code
 * {"jobType": "double", "input": {"items": [1, 2.5, -3]}}   // result: [2,5.0,-6]
 * }</pre>
 */
public final class DoubleJob implements Job<List<String>> {
    private static final char TAG = 'D';
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    @Override
    public String name() {
        return "double";
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.JSON_ARRAY;
    }

    @Override
    public List<String> map(MapContext context, Iterator<InputRecord> records) {
        List<String> doubled = new ArrayList<>();
        while (records.hasNext()) {
            InputRecord element = records.next();
            doubled.add(twice(element.text(), element.offset(), context.chunkIndex()));
        }
        return doubled;
    }

    @Override
    public List<String> map(MapContext context, RecordCursor records) {
        List<String> doubled = new ArrayList<>();
        while (records.next()) {
            doubled.add(twice(records.text(), records.offset(), context.chunkIndex()));
        }
        return doubled;
    }

    static String twice(String text, long offset, int chunkIndex) {
        int digits = integerDigits(text);
        if (digits > 0) {
            // up to 18 digits the doubled value fits a long: the same digits BigInteger would print
            return digits <= 18 ? Long.toString(Long.parseLong(text) * 2) : new BigInteger(text).shiftLeft(1).toString();
        }
        if (isNumber(text)) {
            return new BigDecimal(text).multiply(TWO).toString();
        }
        throw new MalformedRecordException(offset, "chunk " + chunkIndex
                + ": the element at byte offset " + offset + " is not a number");
    }

    /** The number of digits if {@code text} is {@code -?(0|[1-9][0-9]*)}, else 0. */
    private static int integerDigits(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int n = text.length();
        if (i >= n || (text.charAt(i) == '0' && n > i + 1)) {
            return 0;
        }
        for (int k = i; k < n; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return 0;
            }
        }
        return n - i;
    }

    /** Whether {@code text} is {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}: a JSON number. */
    private static boolean isNumber(String text) {
        int n = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        if (i >= n || !digit(text.charAt(i))) {
            return false;
        }
        if (text.charAt(i) == '0') {
            i++;
        } else {
            i = digits(text, i);
        }
        if (i < n && text.charAt(i) == '.') {
            int after = digits(text, i + 1);
            if (after == i + 1) {
                return false;
            }
            i = after;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int after = digits(text, i);
            if (after == i) {
                return false;
            }
            i = after;
        }
        return i == n;
    }

    private static int digits(String text, int i) {
        while (i < text.length() && digit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public List<String> combine(List<String> left, List<String> right) {
        List<String> both = new ArrayList<>(left.size() + right.size());
        both.addAll(left);
        both.addAll(right);
        return both;
    }

    @Override
    public List<String> empty() {
        return List.of();
    }

    @Override
    public List<String> newAccumulator() {
        return new ArrayList<>();
    }

    /** Appends {@code next} to the accumulator: chunk order is the result's order. */
    @Override
    public List<String> merge(List<String> accumulator, List<String> next) {
        List<String> into = accumulator instanceof ArrayList<String> ? accumulator : new ArrayList<>(accumulator);
        into.addAll(next);
        return into;
    }

    /** {@link BinaryPartial} tag {@code D}: the number of elements, then each doubled number's text. */
    @Override
    public byte[] encode(List<String> partial) {
        BinaryPartial.Writer out = new BinaryPartial.Writer(TAG, 16 + partial.size() * 12);
        out.varLong(partial.size());
        for (String number : partial) {
            out.string(number);
        }
        return out.toByteArray();
    }

    @Override
    public List<String> decode(byte[] bytes) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, TAG, "double");
        int n = in.count();
        List<String> numbers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            numbers.add(in.string());
        }
        in.end();
        return numbers;
    }

    @Override
    public void writeResult(List<String> result, OutputStream out) throws IOException {
        out.write('[');
        for (int i = 0; i < result.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(result.get(i).getBytes(UTF_8));
        }
        out.write(']');
    }
}
