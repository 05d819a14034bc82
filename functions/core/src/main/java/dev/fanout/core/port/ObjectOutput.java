package dev.fanout.core.port;

import java.io.OutputStream;

/**
 * An object being written as a stream ({@link BlobStore#create}): it appears in storage only on {@link #commit()},
 * whole, and never in part. Closing without committing abandons it: nothing appears, and whatever was sent is
 * cleaned up (an incomplete S3 multipart upload is aborted; a bucket lifecycle rule catches those of a crashed
 * writer). Writes throw no checked exception: storage failures are unchecked, as everywhere in the ports.
 *
 * <pre>{@code
 * try (ObjectOutput out = blobs.create(location, "application/x-ndjson", Map.of())) {
 *     out.write(bytes);
 *     out.commit();            // the object is there, complete
 * }                            // without commit: nothing is there
 * }</pre>
 */
public abstract class ObjectOutput extends OutputStream {

    /** Storage failures are unchecked ({@link dev.fanout.core.error.StorageUnavailableException} when transient). */
    @Override
    public abstract void write(int b);

    @Override
    public abstract void write(byte[] b, int off, int len);

    /** Makes the object appear, whole; no write may follow. A storage failure throws and leaves no object. */
    public abstract void commit();

    /** Bytes written so far. */
    public abstract long size();

    /** Abandons the object unless it was committed. */
    @Override
    public abstract void close();
}
