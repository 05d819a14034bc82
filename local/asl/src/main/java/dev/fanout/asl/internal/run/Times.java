package dev.fanout.asl.internal.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as Step Functions writes them in the context object: ISO-8601 UTC with milliseconds. */
final class Times {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    static String iso(Instant t) {
        return ISO_MILLIS.format(t);
    }
}
