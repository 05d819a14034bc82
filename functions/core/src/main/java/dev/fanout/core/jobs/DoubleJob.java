package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.Record;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

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
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
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
    public List<String> map(MapContext context, Iterator<Record> records) {
        List<String> doubled = new ArrayList<>();
        while (records.hasNext()) {
            Record element = records.next();
            doubled.add(twice(element, context.chunkIndex()));
        }
        return doubled;
    }

    static String twice(Record element, int chunkIndex) {
        String text = element.text();
        if (INTEGER.matcher(text).matches()) {
            return new BigInteger(text).shiftLeft(1).toString();
        }
        if (NUMBER.matcher(text).matches()) {
            return new BigDecimal(text).multiply(TWO).toString();
        }
        throw new MalformedRecordException(element.offset(), "chunk " + chunkIndex
                + ": the element at byte offset " + element.offset() + " is not a number");
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
    public byte[] encode(List<String> partial) {
        return ("[" + String.join(",", partial) + "]").getBytes(UTF_8);
    }

    @Override
    public List<String> decode(byte[] bytes) {
        List<String> numbers = new ArrayList<>();
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a double partial");
            }
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new IllegalArgumentException("not a double partial");
                }
                numbers.add(parser.getText());
            }
            return numbers;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a double partial", e);
        }
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
