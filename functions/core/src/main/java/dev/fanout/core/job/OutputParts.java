package dev.fanout.core.job;

import dev.fanout.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts a {@link MapOnlyJob} wrote, in chunk order: its partial (one chunk's part, or none when the chunk wrote no
 * record) and, merged over all chunks, what its result — the manifest {@code result.json} — lists.
 *
 * <pre>{@code
 * OutputParts one = OutputParts.of(new OutputParts.Part("results/job-1/part-000000.jsonl", 12, 840));
 * }</pre>
 *
 * @param parts the parts, in chunk order
 */
public record OutputParts(List<Part> parts) {
    /** No part. */
    public static final OutputParts NONE = new OutputParts(List.of());
    private static final int VERSION = 1;

    /**
     * The parts.
     *
     * @throws NullPointerException when {@code parts} or one of them is null
     */
    public OutputParts {
        parts = parts instanceof Growing ? parts : List.copyOf(parts);
    }

    /**
     * The parts, in chunk order.
     *
     * @return an unmodifiable list
     */
    @Override
    public List<Part> parts() {
        return parts instanceof Growing ? java.util.Collections.unmodifiableList(parts) : parts;
    }

    /** An empty accumulator that {@link #mergeInto} grows in place (a job of many chunks copies nothing per part). */
    static OutputParts accumulator() {
        return new OutputParts(new Growing());
    }

    /** {@code next}'s parts added to {@code accumulator}, in place when it is one of {@link #accumulator()}'s. */
    static OutputParts mergeInto(OutputParts accumulator, OutputParts next) {
        if (accumulator.parts instanceof Growing growing) {
            growing.addAll(next.parts);
            return accumulator;
        }
        return accumulator.concat(next);
    }

    /** The mutable list of an accumulator. */
    private static final class Growing extends ArrayList<Part> {
    }

    /**
     * One committed part.
     *
     * @param key     its key in the results bucket
     * @param records records (lines) in it
     * @param bytes   its size
     */
    public record Part(String key, long records, long bytes) {
        /**
         * A part.
         *
         * @throws IllegalArgumentException when it holds no record or no byte
         */
        public Part {
            Objects.requireNonNull(key, "key");
            if (records < 1 || bytes < 1) {
                throw new IllegalArgumentException("a part holds at least one record");
            }
        }
    }

    /**
     * One part.
     *
     * @param part the part
     * @return its {@code OutputParts}
     */
    public static OutputParts of(Part part) {
        return new OutputParts(List.of(part));
    }

    /**
     * Records in all parts.
     *
     * @return their sum
     */
    public long records() {
        long n = 0;
        for (Part p : parts) {
            n += p.records();
        }
        return n;
    }

    /**
     * The parts of this, then those of {@code next}; neither is changed.
     *
     * @param next the parts of later chunks
     * @return both, in that order
     */
    public OutputParts concat(OutputParts next) {
        if (next.parts.isEmpty()) {
            return this;
        }
        List<Part> all = new ArrayList<>(parts.size() + next.parts.size());
        all.addAll(parts);
        all.addAll(next.parts);
        return new OutputParts(all);
    }

    /** The partial's bytes: {@code {"v":1,"parts":[...]}}. */
    byte[] encode() {
        return Json.writeBytes(new Encoded(VERSION, List.copyOf(parts)));
    }

    static OutputParts decode(byte[] bytes) {
        Encoded encoded = Json.read(bytes, Encoded.class);
        if (encoded.v() != VERSION || encoded.parts() == null) {
            throw new IllegalArgumentException("not an output parts partial of version " + VERSION);
        }
        return new OutputParts(encoded.parts());
    }

    private record Encoded(int v, List<Part> parts) {
    }
}
