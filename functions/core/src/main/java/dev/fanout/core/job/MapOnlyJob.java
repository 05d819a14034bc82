package dev.fanout.core.job;

import dev.fanout.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job whose output is records, not one combined result: each chunk writes its records to its own part,
 * {@code results/<jobId>/part-<index>.jsonl} (6-digit index, in chunk order), through the {@link OutputWriter} that
 * {@link #map(MapContext, RecordCursor, OutputWriter)} receives. A part is committed atomically when its chunk
 * succeeds: a retried or duplicated chunk never leaves a half or a double part, and a chunk with no output record
 * leaves none. Once every chunk is done, the reducer writes {@code result.json} as the manifest
 * {@code {"parts": [{"key", "records", "bytes"}, ...], "records": N}} — and only then. The output is never held in
 * one function's memory.
 *
 * <p>{@code map} must write the same records for the same chunk every time it runs (a rerun replaces the part
 * whole). Implement {@link #name()}, {@link #inputFormat()} and the three-argument {@code map}; everything else — the
 * partials (the parts' names and sizes), their merge, the manifest — is fixed here.
 *
 * <pre>{@code
 * public final class LongLines implements MapOnlyJob {              // every line longer than 80 bytes
 *     public String name() { return "long-lines"; }
 *     public InputFormat inputFormat() { return InputFormat.TEXT_LINES; }
 *     public void map(MapContext ctx, RecordCursor lines, OutputWriter out) {
 *         while (lines.next()) {
 *             if (lines.length() > 80) {
 *                 out.write("{\"key\":" + quote(lines.key()) + ",\"offset\":" + lines.offset() + "}");
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public interface MapOnlyJob extends Job<OutputParts> {

    /**
     * Maps one chunk's records to output records, written to {@code output} in the order they should appear in the
     * part. Throws {@link dev.fanout.core.error.MalformedRecordException} for bad data, as {@link Job#map} does.
     *
     * @param context what the job may know about the chunk
     * @param records the chunk's records, in input order, each once
     * @param output  where the chunk's output records go
     * @throws dev.fanout.core.error.MalformedRecordException for a record the job cannot use
     */
    void map(MapContext context, RecordCursor records, OutputWriter output);

    /**
     * File extension of the parts.
     *
     * @return the extension without the dot; {@code jsonl} by default
     */
    default String partExtension() {
        return "jsonl";
    }

    /**
     * Content type the parts are stored with.
     *
     * @return the content type; {@code application/x-ndjson} by default
     */
    default String partContentType() {
        return "application/x-ndjson";
    }

    /** Not used: the pipeline calls {@link #map(MapContext, RecordCursor, OutputWriter)} for a map-only job. */
    @Override
    default OutputParts map(MapContext context, Iterator<InputRecord> records) {
        throw new UnsupportedOperationException(name() + " is a map-only job: call map(context, records, output)");
    }

    /** Not used: the pipeline calls {@link #map(MapContext, RecordCursor, OutputWriter)} for a map-only job. */
    @Override
    default OutputParts map(MapContext context, RecordCursor records) {
        throw new UnsupportedOperationException(name() + " is a map-only job: call map(context, records, output)");
    }

    @Override
    default OutputParts combine(OutputParts left, OutputParts right) {
        return left.concat(right);
    }

    @Override
    default OutputParts empty() {
        return OutputParts.NONE;
    }

    @Override
    default OutputParts newAccumulator() {
        return OutputParts.accumulator();
    }

    @Override
    default OutputParts merge(OutputParts accumulator, OutputParts next) {
        return OutputParts.mergeInto(accumulator, next);
    }

    @Override
    default byte[] encode(OutputParts partial) {
        return partial.encode();
    }

    @Override
    default OutputParts decode(byte[] bytes) {
        return OutputParts.decode(bytes);
    }

    /** The manifest: {@code {"parts": [{"key", "records", "bytes"}, ...], "records": N}}. */
    @Override
    default void writeResult(OutputParts result, OutputStream out) throws IOException {
        List<Map<String, Object>> parts = new ArrayList<>(result.parts().size());
        for (OutputParts.Part p : result.parts()) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("key", p.key());
            part.put("records", p.records());
            part.put("bytes", p.bytes());
            parts.add(part);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("parts", parts);
        manifest.put("records", result.records());
        out.write(Json.writeBytes(manifest));
    }
}
