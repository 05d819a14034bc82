package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.expr.EvalContext;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A Wait state's {@code SecondsPath} and {@code TimestampPath}, with the causes AWS gives (LocalStack's
 * seconds_path.py and its snapshot-validated test_wait; the TimestampPath cause is in test_wait.snapshot.json):
 * {@code The SecondsPath parameter references a negative value: $.x == -1}.
 */
final class WaitPaths {
    private WaitPaths() {
    }

    static long seconds(String path, EvalContext ctx) {
        JsonNode v = JsonPathSupport.find(path, ctx);
        if (v == null || v.isMissingNode()) {
            throw StatesError.runtime("The SecondsPath parameter does not reference an input value: " + path);
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: " + path + " == "
                    + shown(v));
        }
        if (v.longValue() < 0) {
            throw StatesError.runtime("The SecondsPath parameter references a negative value: " + path + " == "
                    + shown(v));
        }
        if (v.longValue() > 99_999_999) {
            // AWS's limit for Seconds; its cause for a larger SecondsPath value is not recorded anywhere we know
            throw StatesError.runtime("The value for the field 'SecondsPath' must be an integer between 0 and "
                    + "99999999, but was " + shown(v));
        }
        return v.longValue();
    }

    static Instant timestamp(String path, EvalContext ctx) {
        JsonNode v = JsonPathSupport.read(path, ctx, "TimestampPath");
        if (v.isTextual()) {
            try {
                return OffsetDateTime.parse(v.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                + "date-time format string: " + path + " == " + shown(v));
    }

    private static String shown(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.toString();
    }
}
