package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.GzipDecoder;
import dev.fanout.core.chunk.HeaderLine;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.model.Compression;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/** The header line of a CSV input, read for validation and for the chunk descriptors. */
final class Headers {
    private Headers() {
    }

    /**
     * The first line of {@code input}: one bounded ranged GET for an uncompressed object whose encoding is known
     * ({@code knownPlain}: a HEAD said it is not gzip); otherwise a GET of the object, decompressed when it is gzip
     * (by its key, or by the Content-Encoding the GET answers with), read only as far as the first line.
     */
    static HeaderLine read(BlobStore blobs, ObjectInfo input, boolean knownPlain) {
        if (input.size() == 0) {
            return new HeaderLine("", 0);
        }
        Compression byKey = Compression.of(input.location().key(), input.contentEncoding());
        if (knownPlain && byKey == null) {
            long first = Math.min(input.size(), HeaderLine.MAX_BYTES);
            try (InputStream in = blobs.openRange(input.location(), 0, first, input.etag())) {
                return HeaderLine.read(in, input.size());
            } catch (IOException e) {
                throw new StorageUnavailableException("reading the header of " + input.location().toUri()
                        + " failed", e);
            }
        }
        BlobStore.ObjectStream object = blobs.open(input.location(), input.etag());
        boolean gzip = byKey == Compression.GZIP || Compression.isGzip(object.contentEncoding());
        try (InputStream in = gzip ? new GzipDecoder(object.body(), input.location().toUri()) : object.body()) {
            return HeaderLine.readStream(in);
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the header of " + input.location().toUri() + " failed", e);
        }
    }
}
