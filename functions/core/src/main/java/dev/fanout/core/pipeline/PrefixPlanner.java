package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.ByteRange;
import dev.fanout.core.chunk.TextChunkPlanner;
import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Compression;
import dev.fanout.core.model.ObjectGroup;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plans the chunks of every object under a prefix as the listing streams by (ListObjectsV2 pages, never the whole
 * listing in memory): empty objects and folder markers are passed over; an object of at least {@code chunkSize}
 * bytes is split into byte ranges (or, if compressed, is one chunk of its own: gzip cannot be split); smaller ones
 * are grouped, in key order, into chunks of at most {@code chunkSize} bytes and {@code maxObjectsPerChunk} objects,
 * whose object lists go to the job's segment file as they are formed. What it keeps is one entry per chunk (at most
 * {@code maxChunks} of them) and one group being formed.
 *
 * <pre>{@code
 * PrefixPlanner.Result r = new PrefixPlanner(blobs, settings.limits(), chunkSize).plan(prefix, segments, out, first -> {});
 * }</pre>
 */
final class PrefixPlanner {

    /** One planned chunk, before its index and the total are known. */
    record Piece(ObjectLocation input, long start, long end, long objectSize, String etag, Compression compression,
                 ObjectGroup objects) {
    }

    /**
     * @param objects non-empty objects planned
     * @param bytes   their size in all
     * @param listed  objects listed, empty ones and folder markers included
     */
    record Result(List<Piece> pieces, long objects, long bytes, long listed) {
    }

    private final BlobStore blobs;
    private final Limits limits;
    private final long chunkSize;

    PrefixPlanner(BlobStore blobs, Limits limits, long chunkSize) {
        this.blobs = blobs;
        this.limits = limits;
        this.chunkSize = chunkSize;
    }

    /**
     * @param segments where {@code segmentsOut} is being written (the grouped chunks' {@code input})
     * @param first    called with the first non-empty object, before it is planned (e.g. to read a CSV header)
     */
    Result plan(ObjectPrefix prefix, ObjectLocation segments, ObjectOutput segmentsOut, Consumer<ObjectInfo> first) {
        List<Piece> pieces = new ArrayList<>();
        Group group = new Group(prefix.bucket(), segments, segmentsOut);
        long objects = 0;
        long bytes = 0;
        long listed = 0;
        for (ObjectInfo info : blobs.listing(prefix.bucket(), prefix.prefix())) {
            listed++;
            if (info.size() == 0 || info.location().key().endsWith("/")) {
                continue;
            }
            if (objects++ == 0) {
                first.accept(info);
            }
            bytes += info.size();
            if (info.size() >= chunkSize) {
                group.flushInto(pieces);
                planLarge(info, pieces, prefix);
            } else {
                if (group.count > 0 && (group.bytes + info.size() > chunkSize
                        || group.count >= limits.maxObjectsPerChunk())) {
                    group.flushInto(pieces);
                }
                group.add(info);
            }
            checkCount(pieces.size() + (group.count > 0 ? 1 : 0), prefix);
        }
        group.flushInto(pieces);
        if (listed == 0) {
            throw new InputNotFoundException("no object under " + prefix.toUri());
        }
        return new Result(pieces, objects, bytes, listed);
    }

    /**
     * An object of at least one chunk: HEAD it for its Content-Encoding (a listing does not tell), then one chunk if
     * it is compressed, else byte ranges.
     */
    private void planLarge(ObjectInfo listed, List<Piece> pieces, ObjectPrefix prefix) {
        Compression compression = Compression.of(listed.location().key(), null);
        ObjectInfo info = listed;
        if (compression == null) {
            info = blobs.head(listed.location()).orElseThrow(() -> new InputNotFoundException(
                    "the input " + listed.location().toUri() + " was deleted while the job was being planned"));
            compression = Compression.of(info.location().key(), info.contentEncoding());
        }
        if (compression != null) {
            pieces.add(new Piece(info.location(), 0, info.size(), info.size(), info.etag(), compression, null));
            return;
        }
        checkCount(pieces.size() + TextChunkPlanner.count(0, info.size(), chunkSize), prefix);
        for (ByteRange r : TextChunkPlanner.plan(0, info.size(), chunkSize)) {
            pieces.add(new Piece(info.location(), r.start(), r.end(), info.size(), info.etag(), null, null));
        }
    }

    private void checkCount(long chunks, ObjectPrefix prefix) {
        if (chunks > limits.maxChunks()) {
            throw new InvalidRequestException("chunkSizeBytes", "the objects under " + prefix.toUri()
                    + " in chunks of " + chunkSize + " bytes give more than " + limits.maxChunks()
                    + " chunks; use a larger chunkSizeBytes");
        }
    }

    /** The small objects of the chunk being formed. */
    private static final class Group {
        private final String bucket;
        private final ObjectLocation segments;
        private final ObjectOutput out;
        private final List<ObjectInfo> members = new ArrayList<>();
        private int count;
        private long bytes;

        Group(String bucket, ObjectLocation segments, ObjectOutput out) {
            this.bucket = bucket;
            this.segments = segments;
            this.out = out;
        }

        void add(ObjectInfo info) {
            members.add(info);
            count++;
            bytes += info.size();
        }

        /** One object alone is a chunk of its own; several go to the segment file and the chunk names their range. */
        void flushInto(List<Piece> pieces) {
            if (count == 0) {
                return;
            }
            if (count == 1) {
                ObjectInfo only = members.get(0);
                pieces.add(new Piece(only.location(), 0, only.size(), only.size(), only.etag(),
                        Compression.of(only.location().key(), null), null));
            } else {
                long start = out.size();
                for (ObjectInfo m : members) {
                    byte[] line = Json.writeBytes(new Segment(m.location().key(), m.etag(), m.size(),
                            Compression.of(m.location().key(), null)));
                    out.write(line, 0, line.length);
                    out.write('\n');
                }
                long end = out.size();
                pieces.add(new Piece(segments, start, end, end, null, null, new ObjectGroup(bucket, count, bytes,
                        members.get(0).location().key(), members.get(count - 1).location().key())));
            }
            members.clear();
            count = 0;
            bytes = 0;
        }
    }
}
