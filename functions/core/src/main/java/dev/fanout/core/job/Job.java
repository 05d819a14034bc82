package dev.fanout.core.job;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * A job type: the extension point of fanout. Pure Java, no AWS types. Register an implementation in
 * {@code META-INF/services/dev.fanout.core.job.Job}; {@link JobRegistry} finds it by {@link #name()}.
 *
 * <p>The pipeline calls {@link #map} once per chunk (in parallel, on different machines), stores each partial
 * with {@link #encode}, and the reducer {@link #decode}s and {@link #combine}s them — in chunk order, but
 * possibly as a tree — then {@link #writeResult}s the total.
 *
 * <pre>{@code
 * public final class LineCount implements Job<Long> {
 *     public String name() { return "linecount"; }
 *     public InputFormat inputFormat() { return InputFormat.TEXT_LINES; }
 *     public Long map(MapContext ctx, Iterator<Record> records) {
 *         long n = 0;
 *         while (records.hasNext()) { records.next(); n++; }
 *         return n;
 *     }
 *     public Long combine(Long a, Long b) { return a + b; }
 *     public Long empty() { return 0L; }
 *     public byte[] encode(Long p) { return p.toString().getBytes(UTF_8); }
 *     public Long decode(byte[] b) { return Long.parseLong(new String(b, UTF_8)); }
 *     public void writeResult(Long total, OutputStream out) throws IOException {
 *         out.write(("{\"lines\":" + total + "}").getBytes(UTF_8));
 *     }
 * }
 * }</pre>
 *
 * @param <P> the partial result type
 */
public interface Job<P> {

    /** The job type name used in requests and under {@code incoming/<name>/}. Lower-case, [a-z0-9-]. */
    String name();

    InputFormat inputFormat();

    /**
     * Validates the request's options and returns them normalized (defaults filled in). Throws
     * {@link dev.fanout.core.error.InvalidRequestException} with field {@code options.<name>}.
     * The default accepts no options.
     */
    default Map<String, String> validateOptions(Map<String, String> options) {
        if (!options.isEmpty()) {
            String first = options.keySet().iterator().next();
            throw new dev.fanout.core.error.InvalidRequestException("options." + first,
                    "job type '" + name() + "' takes no options");
        }
        return options;
    }

    /**
     * Checks the validated options against the input's header line, for {@link
     * InputFormat#TEXT_LINES_WITH_HEADER} jobs (e.g. that named columns exist). Called by the submission (when
     * the input is already in S3) and by the splitter, before any chunk runs. Throws {@link
     * dev.fanout.core.error.InvalidRequestException} with field {@code options.<name>}. The default accepts any
     * header.
     */
    default void validateHeader(Map<String, String> options, String header) {
    }

    /** Maps one chunk's records to a partial. Throws MalformedRecordException for bad data. */
    P map(MapContext context, Iterator<Record> records);

    /** Combines two partials; must be associative, with {@link #empty()} as identity. {@code left} precedes {@code right} in chunk order. */
    P combine(P left, P right);

    /** The identity of {@link #combine} (the result of an empty input). */
    P empty();

    byte[] encode(P partial);

    P decode(byte[] bytes);

    /** Writes the final result (the caller stores it only once complete). */
    void writeResult(P result, OutputStream out) throws IOException;

    /** File name of the result under {@code results/<jobId>/}. */
    default String resultFileName() {
        return "result.json";
    }

    default String resultContentType() {
        return "application/json";
    }
}
