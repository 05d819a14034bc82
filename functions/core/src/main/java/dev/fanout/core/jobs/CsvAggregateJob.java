package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.RecordCursor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
public final class CsvAggregateJob extends GroupedAggregates {
    public static final String GROUP_BY = "group-by";
    public static final String VALUE = "value";
    public static final String ON_BAD_ROW = "on-bad-row";
    private static final Set<String> BAD_ROW_MODES = Set.of("fail", "skip");

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

    public CsvAggregateJob() {
        super('C', "csv-aggregate");
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
    public Map<String, Stats> map(MapContext context, Iterator<InputRecord> records) {
        return map(context, RecordCursor.over(records));
    }

    /**
     * Splits each row's bytes in place ({@link CsvFields}, noting only the two columns) and keeps running aggregates
     * per group ({@link GroupStats}): no String per row or field, and plain decimal values are read into an unscaled
     * long and a scale, added as longs. Other values are read as text by {@link BigDecimal}. A malformed row is parsed
     * again as text by {@link CsvLine}, so its reason is the same whichever API read it.
     */
    @Override
    public Map<String, Stats> map(MapContext context, RecordCursor rows) {
        String header = context.header().orElseThrow(() -> new IllegalStateException("csv-aggregate needs the header"));
        Columns columns = columns(context.options(), header, context.chunkIndex());
        boolean skip = "skip".equals(context.options().get(ON_BAD_ROW));
        GroupStats groups = new GroupStats();
        CsvFields fields = new CsvFields(columns.groupBy(), columns.value());
        CsvFields.Slice slice = new CsvFields.Slice();
        PlainDecimal decimal = new PlainDecimal();
        while (rows.next()) {
            if (rows.length() == 0) {
                continue;
            }
            byte[] line = rows.bytes();
            try {
                int count = fields.split(line, rows.start(), rows.start() + rows.length());
                if (count < 0) {
                    CsvLine.parse(rows.text()); // throws the reason
                    throw new IllegalStateException("CsvFields and CsvLine disagree about a row");
                }
                if (count != columns.count()) {
                    throw new CsvLine.BadLine("expected " + columns.count() + " fields, found " + count);
                }
                fields.field(line, 1, slice);
                if (decimal.read(slice.bytes, slice.from, slice.from + slice.length)) {
                    fields.field(line, 0, slice);
                    groups.add(slice.bytes, slice.from, slice.length, decimal.unscaled, decimal.scale);
                } else {
                    BigDecimal value = number(new String(slice.bytes, slice.from, slice.length, UTF_8));
                    fields.field(line, 0, slice);
                    groups.add(slice.bytes, slice.from, slice.length, value);
                }
            } catch (CsvLine.BadLine e) {
                if (!skip) {
                    throw new MalformedRecordException(rows.offset(), "chunk " + context.chunkIndex()
                            + ": malformed row at byte offset " + rows.offset() + ": " + e.getMessage());
                }
                context.recordSkipped(rows.offset(), e.getMessage());
            }
        }
        return groups.toMap();
    }

    /**
     * Reads {@code [+-]?[0-9]+(\.[0-9]+)?} with at most 18 digits, ASCII whitespace around it, into the unscaled
     * value and scale {@code new BigDecimal} would give it; anything else is left to {@code BigDecimal}.
     */
    static final class PlainDecimal {
        long unscaled;
        int scale;

        boolean read(byte[] b, int from, int to) {
            while (from < to && b[from] >= 0 && Character.isWhitespace(b[from])) {
                from++;
            }
            while (to > from && b[to - 1] >= 0 && Character.isWhitespace(b[to - 1])) {
                to--;
            }
            int i = from;
            boolean negative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negative = b[i] == '-';
                i++;
            }
            int digitsFrom = i;
            long value = 0;
            int point = -1;
            for (; i < to; i++) {
                int d = b[i] - '0';
                if (d >= 0 && d <= 9) {
                    value = value * 10 + d;
                } else if (b[i] == '.' && point < 0) {
                    point = i;
                } else {
                    return false;
                }
            }
            int digits = to - digitsFrom - (point < 0 ? 0 : 1);
            if (digits == 0 || digits > 18 || (point >= 0 && (point == digitsFrom || point == to - 1))) {
                return false;
            }
            unscaled = negative ? -value : value;
            scale = point < 0 ? 0 : to - point - 1;
            return true;
        }
    }

    private static BigDecimal number(String field) throws CsvLine.BadLine {
        try {
            return new BigDecimal(field.strip());
        } catch (NumberFormatException e) {
            throw new CsvLine.BadLine("the value column is not a number");
        }
    }
}
