package dev.fanout.core.pipeline;

import dev.fanout.core.job.OutputParts;
import dev.fanout.core.job.OutputWriter;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import java.util.Map;

/**
 * A map-only chunk's part: the job's records, each ended by a line feed, streamed to the part's final key and
 * committed only when the chunk has succeeded ({@link ObjectOutput}: on S3 a multipart upload, which shows no object
 * until it is completed). A chunk that writes no record leaves no part; one that fails or dies leaves none either.
 */
final class PartOutput implements OutputWriter, AutoCloseable {
    private static final byte[] LINE_FEED = {'\n'};

    private final BlobStore blobs;
    private final ObjectLocation location;
    private final String contentType;
    private ObjectOutput out;
    private long records;
    private boolean closed;

    PartOutput(BlobStore blobs, ObjectLocation location, String contentType) {
        this.blobs = blobs;
        this.location = location;
        this.contentType = contentType;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IllegalStateException("the part " + location + " is already committed");
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                throw new IllegalArgumentException("an output record must not contain a line feed (record "
                        + (records + 1) + " of " + location + ")");
            }
        }
        if (out == null) {
            out = blobs.create(location, contentType, Map.of());
        }
        out.write(bytes, offset, length);
        out.write(LINE_FEED, 0, 1);
        records++;
    }

    @Override
    public long records() {
        return records;
    }

    /** Commits the part; null (and nothing stored) when the chunk wrote no record. */
    OutputParts.Part commit() {
        closed = true;
        if (out == null) {
            return null;
        }
        out.commit();
        return new OutputParts.Part(location.key(), records, out.size());
    }

    /** Abandons the part unless it was committed. */
    @Override
    public void close() {
        closed = true;
        if (out != null) {
            out.close();
        }
    }
}
