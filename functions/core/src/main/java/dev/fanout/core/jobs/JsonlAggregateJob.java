package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code jsonl-aggregate}: groups the records of JSON Lines input — one JSON object per line — by the top-level
 * field {@code group-by} and aggregates the numeric top-level field {@code value}, with {@code csv-aggregate}'s
 * result shape: a JSON object key → {@code {count, sum, min, max, mean}}, keys sorted, sums exact.
 *
 * <p>The group key is the field's string, or the literal of a number or boolean ({@code 7}, {@code true}). A record
 * that is not an object, lacks either field, has a group-by field that is null, an object or an array, or a value
 * that is not a JSON number (a string of digits is not one) is malformed; so is a line that is not JSON at all.
 * Options: {@code group-by}, {@code value} (required), {@code on-bad-record} = {@code fail} (default: a malformed
 * record fails the job with the chunk and byte offset) or {@code skip} (it is counted in the summary's
 * {@code skippedRecords}).
 *
 * <pre>{@code
 * {"jobType": "jsonl-aggregate", "input": {"s3Prefix": "s3://<input bucket>/events/"},
 *  "options": {"group-by": "country", "value": "amount", "on-bad-record": "skip"}}
 * }</pre>
 */
public final class JsonlAggregateJob extends GroupedAggregates {
    public static final String GROUP_BY = "group-by";
    public static final String VALUE = "value";
    public static final String ON_BAD_RECORD = InputFormat.ON_BAD_RECORD;
    private static final Set<String> MODES = Set.of("fail", "skip");
    private static final JsonFactory FACTORY = new JsonFactory();

    public JsonlAggregateJob() {
        super('J', "jsonl-aggregate");
    }

    @Override
    public String name() {
        return "jsonl-aggregate";
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.JSON_LINES;
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!Set.of(GROUP_BY, VALUE, ON_BAD_RECORD).contains(key)) {
                throw new InvalidRequestException("options." + key, "unknown option; jsonl-aggregate takes "
                        + GROUP_BY + ", " + VALUE + " and " + ON_BAD_RECORD);
            }
        }
        Map<String, String> normalized = new LinkedHashMap<>();
        normalized.put(GROUP_BY, required(options, GROUP_BY));
        normalized.put(VALUE, required(options, VALUE));
        String mode = options.getOrDefault(ON_BAD_RECORD, "fail");
        if (!MODES.contains(mode)) {
            throw new InvalidRequestException("options." + ON_BAD_RECORD, "must be 'fail' or 'skip'");
        }
        normalized.put(ON_BAD_RECORD, mode);
        return Map.copyOf(normalized);
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("options." + key, "is required (a top-level field name)");
        }
        return value;
    }

    @Override
    public Map<String, Stats> map(MapContext context, Iterator<InputRecord> records) {
        return map(context, RecordCursor.over(records));
    }

    /** Reads each record in place with Jackson's streaming parser: no tree, and only the two fields are kept. */
    @Override
    public Map<String, Stats> map(MapContext context, RecordCursor records) {
        String groupBy = context.options().get(GROUP_BY);
        String valueField = context.options().get(VALUE);
        boolean skip = "skip".equals(context.options().get(ON_BAD_RECORD));
        GroupStats groups = new GroupStats();
        while (records.next()) {
            try {
                Fields f = fields(records.bytes(), records.start(), records.length(), groupBy, valueField);
                byte[] key = f.group().getBytes(UTF_8);
                groups.add(key, 0, key.length, f.value());
            } catch (BadRecord e) {
                if (!skip) {
                    throw new MalformedRecordException(records.offset(), "chunk " + context.chunkIndex()
                            + ": malformed record at byte offset " + records.offset() + ": " + e.getMessage());
                }
                context.recordSkipped(records.offset(), e.getMessage());
            }
        }
        return groups.toMap();
    }

    private record Fields(String group, BigDecimal value) {
    }

    private static Fields fields(byte[] bytes, int start, int length, String groupBy, String valueField)
            throws BadRecord {
        try (JsonParser parser = FACTORY.createParser(bytes, start, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecord("not a JSON object");
            }
            String group = null;
            BigDecimal value = null;
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                boolean used = false;
                if (name.equals(groupBy)) {
                    group = groupKey(token, parser, groupBy);
                    used = true;
                }
                if (name.equals(valueField)) {
                    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw new BadRecord("field '" + valueField + "' is not a number");
                    }
                    value = new BigDecimal(parser.getText());
                    used = true;
                }
                if (!used) {
                    parser.skipChildren();
                }
            }
            if (group == null) {
                throw new BadRecord("no field '" + groupBy + "'");
            }
            if (value == null) {
                throw new BadRecord("no field '" + valueField + "'");
            }
            return new Fields(group, value);
        } catch (IOException | NumberFormatException e) {
            // the reader let only well-formed JSON through; a number Jackson reads but BigDecimal does not is bad
            throw new BadRecord("unreadable");
        }
    }

    private static String groupKey(JsonToken token, JsonParser parser, String groupBy) throws IOException, BadRecord {
        return switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> throw new BadRecord("field '" + groupBy + "' is not a string, number or boolean");
        };
    }

    /** Why a record cannot be aggregated (names fields, never values). */
    private static final class BadRecord extends Exception {
        BadRecord(String message) {
            super(message, null, false, false);
        }
    }
}
