package dev.fanout.core.jobs;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.RecordCursor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.HashMap;
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
     * Splits each row's bytes in place ({@link CsvFields}) and keeps running aggregates per group in arrays
     * indexed by the group's number ({@link ByteKeys}): no String per row or field, and the values of plain
     * decimal numbers are read without one too. A malformed row is parsed again as text by {@link CsvLine}, so
     * its reason is the same whichever API read it.
     */
    @Override
    public Map<String, Stats> map(MapContext context, RecordCursor rows) {
        String header = context.header().orElseThrow(() -> new IllegalStateException("csv-aggregate needs the header"));
        Columns columns = columns(context.options(), header, context.chunkIndex());
        boolean skip = "skip".equals(context.options().get(ON_BAD_ROW));
        Groups groups = new Groups();
        CsvFields fields = new CsvFields();
        CsvFields.Slice slice = new CsvFields.Slice();
        while (rows.next()) {
            if (rows.length() == 0) {
                continue;
            }
            byte[] line = rows.bytes();
            try {
                if (!fields.split(line, rows.start(), rows.start() + rows.length())) {
                    CsvLine.parse(rows.text()); // throws the reason
                    throw new IllegalStateException("CsvFields and CsvLine disagree about a row");
                }
                if (fields.count() != columns.count()) {
                    throw new CsvLine.BadLine("expected " + columns.count() + " fields, found " + fields.count());
                }
                BigDecimal value = number(fields.field(line, columns.value(), slice));
                fields.field(line, columns.groupBy(), slice);
                groups.add(slice.bytes, slice.from, slice.length, value);
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

    /** Running aggregates per group, in arrays indexed by the group's number; ties keep the earlier min/max. */
    static final class Groups {
        private final ByteKeys keys = new ByteKeys();
        private long[] counts = new long[64];
        private BigDecimal[] sums = new BigDecimal[64];
        private BigDecimal[] mins = new BigDecimal[64];
        private BigDecimal[] maxes = new BigDecimal[64];

        void add(byte[] key, int from, int length, BigDecimal value) {
            int g = keys.indexOf(key, from, length, ByteKeys.hash(key, from, length));
            if (g == counts.length) {
                counts = Arrays.copyOf(counts, g * 2);
                sums = Arrays.copyOf(sums, g * 2);
                mins = Arrays.copyOf(mins, g * 2);
                maxes = Arrays.copyOf(maxes, g * 2);
            }
            if (counts[g]++ == 0) {
                sums[g] = value;
                mins[g] = value;
                maxes[g] = value;
                return;
            }
            sums[g] = sums[g].add(value);
            mins[g] = mins[g].min(value);
            maxes[g] = maxes[g].max(value);
        }

        Map<String, Stats> toMap() {
            Map<String, Stats> map = HashMap.newHashMap(keys.size());
            for (int g = 0; g < keys.size(); g++) {
                map.put(keys.key(g), new Stats(counts[g], sums[g], mins[g], maxes[g]));
            }
            return map;
        }
    }

    /** The value field's number: plain decimals of up to 18 digits read from the bytes, the rest as text. */
    private static BigDecimal number(CsvFields.Slice field) throws CsvLine.BadLine {
        byte[] b = field.bytes;
        int from = field.from;
        int to = field.from + field.length;
        while (from < to && b[from] >= 0 && Character.isWhitespace(b[from])) {
            from++;
        }
        while (to > from && b[to - 1] >= 0 && Character.isWhitespace(b[to - 1])) {
            to--;
        }
        BigDecimal plain = plainDecimal(b, from, to);
        return plain != null ? plain
                : number(new String(field.bytes, field.from, field.length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code [+-]?[0-9]+(\.[0-9]+)?} with at most 18 digits, exactly as {@code new BigDecimal} reads it; else null. */
    static BigDecimal plainDecimal(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        int digitsBeforePoint = 0;
        for (; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (point) {
                    scale++;
                }
            } else if (c == '.' && !point) {
                point = true;
                digitsBeforePoint = digits;
            } else {
                return null;
            }
        }
        if (digits == 0 || digits > 18 || (point && (digitsBeforePoint == 0 || scale == 0))) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    private static BigDecimal number(String field) throws CsvLine.BadLine {
        try {
            return new BigDecimal(field.strip());
        } catch (NumberFormatException e) {
            throw new CsvLine.BadLine("the value column is not a number");
        }
    }
}
