package dev.fanout.core.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.Record;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code csv-aggregate}: groups the rows of a CSV file (UTF-8, header row, RFC 4180 fields within one line) by
 * the column {@code group-by} and aggregates the numeric column {@code value}. Result: a JSON object
 * key → {@code {count, sum, min, max, mean}}, keys sorted; sums are exact decimals, the mean is rounded to
 * 16 significant digits.
 *
 * <p>Options: {@code group-by} and {@code value} (column names, required), {@code on-bad-row} = {@code fail}
 * (default: a malformed row — wrong field count, unterminated quote, non-numeric value — fails the job with
 * the chunk and byte offset) or {@code skip} (the row is counted as skipped in the summary). Empty lines are
 * ignored.
 *
 * <pre>{@code
 * {"jobType": "csv-aggregate", "input": {"s3Uri": "s3://<input bucket>/sales.csv"},
 *  "options": {"group-by": "city", "value": "amount", "on-bad-row": "skip"}}
 * }</pre>
 */
public final class CsvAggregateJob implements Job<Map<String, CsvAggregateJob.Stats>> {
    public static final String GROUP_BY = "group-by";
    public static final String VALUE = "value";
    public static final String ON_BAD_ROW = "on-bad-row";
    private static final Set<String> BAD_ROW_MODES = Set.of("fail", "skip");
    private static final TypeReference<Map<String, Stats>> PARTIAL = new TypeReference<>() {
    };

    /** Aggregates of one group; combinable. */
    public record Stats(long count, BigDecimal sum, BigDecimal min, BigDecimal max) {
        static Stats of(BigDecimal value) {
            return new Stats(1, value, value, value);
        }

        Stats plus(Stats other) {
            return new Stats(count + other.count, sum.add(other.sum), min.min(other.min), max.max(other.max));
        }

        BigDecimal mean() {
            return sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
        }
    }

    @Override
    public String name() {
        return "csv-aggregate";
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.TEXT_LINES_WITH_HEADER;
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!Set.of(GROUP_BY, VALUE, ON_BAD_ROW).contains(key)) {
                throw new InvalidRequestException("options." + key, "unknown option; csv-aggregate takes "
                        + GROUP_BY + ", " + VALUE + " and " + ON_BAD_ROW);
            }
        }
        Map<String, String> normalized = new LinkedHashMap<>();
        normalized.put(GROUP_BY, required(options, GROUP_BY));
        normalized.put(VALUE, required(options, VALUE));
        String onBadRow = options.getOrDefault(ON_BAD_ROW, "fail");
        if (!BAD_ROW_MODES.contains(onBadRow)) {
            throw new InvalidRequestException("options." + ON_BAD_ROW, "must be 'fail' or 'skip'");
        }
        normalized.put(ON_BAD_ROW, onBadRow);
        return Map.copyOf(normalized);
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("options." + key, "is required (a column name of the header)");
        }
        return value;
    }

    @Override
    public void validateHeader(Map<String, String> options, String header) {
        columns(options, header, -1);
    }

    /** Indices of the group-by and value columns, and the header's field count. */
    private record Columns(int groupBy, int value, int count) {
    }

    private static Columns columns(Map<String, String> options, String header, int chunkIndex) {
        List<String> names;
        try {
            names = CsvLine.parse(header);
        } catch (CsvLine.BadLine e) {
            throw new MalformedRecordException(0, (chunkIndex >= 0 ? "chunk " + chunkIndex + ": " : "")
                    + "the header line is malformed: " + e.getMessage());
        }
        return new Columns(column(names, options, GROUP_BY), column(names, options, VALUE), names.size());
    }

    private static int column(List<String> names, Map<String, String> options, String option) {
        int index = names.indexOf(options.get(option));
        if (index < 0) {
            throw new InvalidRequestException("options." + option, "column '" + options.get(option)
                    + "' is not in the header; columns: " + names);
        }
        return index;
    }

    @Override
    public Map<String, Stats> map(MapContext context, Iterator<Record> records) {
        String header = context.header().orElseThrow(() -> new IllegalStateException("csv-aggregate needs the header"));
        Columns columns = columns(context.options(), header, context.chunkIndex());
        boolean skip = "skip".equals(context.options().get(ON_BAD_ROW));
        Map<String, Stats> groups = new HashMap<>();
        while (records.hasNext()) {
            Record row = records.next();
            if (row.text().isEmpty()) {
                continue;
            }
            try {
                List<String> fields = CsvLine.parse(row.text());
                if (fields.size() != columns.count()) {
                    throw new CsvLine.BadLine("expected " + columns.count() + " fields, found " + fields.size());
                }
                groups.merge(fields.get(columns.groupBy()), Stats.of(number(fields.get(columns.value()))), Stats::plus);
            } catch (CsvLine.BadLine e) {
                if (!skip) {
                    throw new MalformedRecordException(row.offset(), "chunk " + context.chunkIndex()
                            + ": malformed row at byte offset " + row.offset() + ": " + e.getMessage());
                }
                context.recordSkipped(row.offset(), e.getMessage());
            }
        }
        return groups;
    }

    private static BigDecimal number(String field) throws CsvLine.BadLine {
        try {
            return new BigDecimal(field.strip());
        } catch (NumberFormatException e) {
            throw new CsvLine.BadLine("the value column is not a number");
        }
    }

    @Override
    public Map<String, Stats> combine(Map<String, Stats> left, Map<String, Stats> right) {
        Map<String, Stats> sum = new HashMap<>(left);
        right.forEach((k, s) -> sum.merge(k, s, Stats::plus));
        return sum;
    }

    @Override
    public Map<String, Stats> empty() {
        return Map.of();
    }

    @Override
    public byte[] encode(Map<String, Stats> partial) {
        return Json.writeBytes(partial);
    }

    @Override
    public Map<String, Stats> decode(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, PARTIAL);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a csv-aggregate partial", e);
        }
    }

    @Override
    public void writeResult(Map<String, Stats> result, OutputStream out) throws IOException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        result.forEach((key, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", s.count());
            row.put("sum", s.sum());
            row.put("min", s.min());
            row.put("max", s.max());
            row.put("mean", s.mean());
            rows.put(key, row);
        });
        Json.mapper().writeValue(new NonClosing(out), rows);
    }
}
