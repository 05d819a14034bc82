package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.job.OutputWriter;
import dev.fanout.core.job.RecordCursor;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code grep}: a map-only job that writes every line in which the Java regular expression {@code pattern} finds a
 * match ({@link Matcher#find()}), as the JSON line {@code {"key": <object key>, "offset": <byte offset of the line in
 * its (decompressed) object>, "line": <text>}}, in input order within each part. The pattern is checked when the job
 * is submitted.
 *
 * <pre>{@code
 * {"jobType": "grep", "input": {"s3Prefix": "s3://<input bucket>/logs/"}, "options": {"pattern": "ERROR|WARN"}}
 * }</pre>
 */
public final class GrepJob implements MapOnlyJob {
    public static final String PATTERN = "pattern";

    @Override
    public String name() {
        return "grep";
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.TEXT_LINES;
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!key.equals(PATTERN)) {
                throw new InvalidRequestException("options." + key, "unknown option; grep takes " + PATTERN);
            }
        }
        String pattern = options.get(PATTERN);
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidRequestException("options." + PATTERN, "is required (a Java regular expression)");
        }
        compile(pattern);
        return Map.of(PATTERN, pattern);
    }

    private static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidRequestException("options." + PATTERN, "is not a valid Java regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    @Override
    public void map(MapContext context, RecordCursor lines, OutputWriter output) {
        Matcher matcher = compile(context.options().get(PATTERN)).matcher("");
        Line line = new Line();
        while (lines.next()) {
            String text = lines.text();
            if (matcher.reset(text).find()) {
                output.write(line.json(lines.key(), lines.offset(), text));
            }
        }
    }

    /** One output line's JSON, built in a reused buffer. */
    private static final class Line {
        private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
        private final ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        private String lastKey;
        private byte[] lastKeyQuoted;

        byte[] json(String key, long offset, String text) {
            if (!key.equals(lastKey)) {
                lastKey = key;
                lastKeyQuoted = ENCODER.quoteAsUTF8(key);
            }
            json.reset();
            json.writeBytes("{\"key\":\"".getBytes(UTF_8));
            json.writeBytes(lastKeyQuoted);
            json.writeBytes(("\",\"offset\":" + offset + ",\"line\":\"").getBytes(UTF_8));
            json.writeBytes(ENCODER.quoteAsUTF8(text));
            json.writeBytes("\"}".getBytes(UTF_8));
            return json.toByteArray();
        }
    }
}
