package dev.fanout.core.job;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * A job type: the extension point of fanout. Pure Java, no AWS types. Register an implementation in
 * {@code META-INF/services/dev.fanout.core.job.Job}; {@link JobRegistry} finds it by {@link #name()}.
 *
 * <p>The pipeline calls {@link #map(MapContext, RecordCursor) map} once per chunk (in parallel, on different
 * machines), stores each partial with {@link #encode}, and the reducer {@link #decode}s the partials and folds them
 * into one accumulator in chunk order ({@link #newAccumulator}, {@link #merge}, which default to {@link #empty} and
 * {@link #combine}) — or combines them as a tree — then {@link #writeResult}s the total.
 *
 * <p>A job reads its records in one of two ways. The line API, {@link #map(MapContext, Iterator)}, hands over an
 * {@link InputRecord} (byte offset and text) per record: the simplest, and all a job must implement. The cursor
 * API, {@link #map(MapContext, RecordCursor)}, hands over a reusable view of each record's bytes, so a job that
 * scans bytes pays for no {@code String} per record: override it, and implement the line API as
 * {@code map(context, RecordCursor.over(records))}. The pipeline always calls the cursor variant.
 *
 * <pre>{@code
 * public final class LineCount implements Job<Long> {
 *     public String name() { return "linecount"; }
 *     public InputFormat inputFormat() { return InputFormat.TEXT_LINES; }
 *     public Long map(MapContext ctx, Iterator<InputRecord> records) {
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

    /**
     * The job type's name: what requests give as {@code jobType}, and the folder of uploads under
     * {@code incoming/<name>/}. Lower-case letters, digits and {@code -}; unique among the job types of a pipeline.
     *
     * @return the name, the same on every call
     */
    String name();

    /**
     * How the job's input is cut into records.
     *
     * @return the input format, the same on every call
     */
    InputFormat inputFormat();

    /**
     * Validates the request's options and returns them normalized (defaults filled in). Throws
     * {@link dev.fanout.core.error.InvalidRequestException} with field {@code options.<name>}.
     * The default accepts no options.
     *
     * @param options the request's options (empty when it has none); the map must not be changed
     * @return the options the job runs with: what {@link MapContext#options()} gives every chunk
     * @throws dev.fanout.core.error.InvalidRequestException when an option is missing, unknown or malformed
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
     *
     * @param options the options {@link #validateOptions} returned
     * @param header  the input's first line, without its terminator
     * @throws dev.fanout.core.error.InvalidRequestException when the options do not fit the header
     */
    default void validateHeader(Map<String, String> options, String header) {
    }

    /**
     * Maps one chunk's records, as text, to a partial. Throws {@link dev.fanout.core.error.MalformedRecordException}
     * for bad data (naming the byte offset, never the contents).
     *
     * @param context what the job may know about the chunk
     * @param records the chunk's records, in input order, each once
     * @return the chunk's partial result
     * @throws dev.fanout.core.error.MalformedRecordException for a record the job cannot use
     */
    P map(MapContext context, Iterator<InputRecord> records);

    /**
     * Maps one chunk's records, read through a reusable byte view, to a partial: what the pipeline calls. The
     * default reads each record's text and hands the records to {@link #map(MapContext, Iterator)}. Override it to
     * work on bytes (see {@link RecordCursor}); then the two variants must give the same partial for the same
     * records.
     *
     * <pre>{@code
     * public Long map(MapContext ctx, RecordCursor records) {            // bytes of the chunk, no String per line
     *     long bytes = 0;
     *     while (records.next()) { bytes += records.length(); }
     *     return bytes;
     * }
     * public Long map(MapContext ctx, Iterator<InputRecord> records) {   // the line API, for tests and callers
     *     return map(ctx, RecordCursor.over(records));
     * }
     * }</pre>
     *
     * @param context what the job may know about the chunk
     * @param records the chunk's records, in input order, each once
     * @return the chunk's partial result
     * @throws dev.fanout.core.error.MalformedRecordException for a record the job cannot use
     */
    default P map(MapContext context, RecordCursor records) {
        return map(context, records.asIterator());
    }

    /**
     * Combines two partials; must be associative, with {@link #empty()} as identity. {@code left} precedes
     * {@code right} in chunk order. Must not change its arguments.
     *
     * @param left  the partial of earlier chunks
     * @param right the partial of later chunks
     * @return the partial of both
     */
    P combine(P left, P right);

    /**
     * The identity of {@link #combine}: the partial of a chunk without records, and the result of an empty input.
     *
     * @return the empty partial; callers do not change it
     */
    P empty();

    /**
     * A new accumulator for {@link #merge}, equal to {@link #empty()} but free to be changed in place (a fresh
     * mutable collection, say). The default is {@link #empty()}.
     *
     * @return a new accumulator
     */
    default P newAccumulator() {
        return empty();
    }

    /**
     * Adds {@code next} into {@code accumulator} and returns the result, which must equal
     * {@code combine(accumulator, next)}: the reducer folds a job's partials in chunk order as
     * {@code acc = merge(acc, partial)}, starting from {@link #newAccumulator()}. Unlike {@code combine}, it may
     * change {@code accumulator} (which is always {@code newAccumulator()} or a value {@code merge} returned) and
     * return it, or reuse {@code next} (the caller never uses {@code next} again), so that a job of many chunks
     * copies nothing per partial. The default is {@code combine(accumulator, next)}.
     *
     * <pre>{@code
     * public Map<String, Long> newAccumulator() { return new HashMap<>(); }
     * public Map<String, Long> merge(Map<String, Long> acc, Map<String, Long> next) {
     *     next.forEach((k, n) -> acc.merge(k, n, Long::sum));
     *     return acc;
     * }
     * }</pre>
     *
     * @param accumulator what the partials so far merged to
     * @param next        the next partial in chunk order
     * @return {@code accumulator} with {@code next} added
     */
    default P merge(P accumulator, P next) {
        return combine(accumulator, next);
    }

    /**
     * The partial's bytes, as stored between the worker and the reducer. Include a format version of your own if
     * the encoding may change while partials of a running job exist.
     *
     * @param partial a partial {@link #map} or {@link #combine} returned
     * @return its bytes
     */
    byte[] encode(P partial);

    /**
     * The partial {@link #encode} wrote.
     *
     * @param bytes what {@link #encode} returned, possibly on another machine and another version of the job
     * @return the partial
     * @throws IllegalArgumentException naming the problem, for bytes {@link #encode} did not write
     */
    P decode(byte[] bytes);

    /**
     * Writes the final result. The caller stores it only once it is complete, so a failure here leaves no result.
     *
     * @param result every chunk's partial, merged in chunk order
     * @param out    where the result goes; the caller closes it
     * @throws IOException when {@code out} fails
     */
    void writeResult(P result, OutputStream out) throws IOException;

    /**
     * File name of the result under {@code results/<jobId>/}.
     *
     * @return the name; {@code result.json} by default
     */
    default String resultFileName() {
        return "result.json";
    }

    /**
     * Content type the result is stored with.
     *
     * @return the content type; {@code application/json} by default
     */
    default String resultContentType() {
        return "application/json";
    }
}
