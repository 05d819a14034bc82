package dev.fanout.local.runtime.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code length} bytes of a served file from {@code first}, streamed from the file itself. At their end (or at an
 * early end of the file) the file must still be the one the response announced, else the read fails: a client
 * then sees a broken body rather than torn bytes passed off as the object's.
 */
final class FileRange extends InputStream {
    private final Path file;
    private final BooleanSupplier unchanged;
    private final String object;
    private final FileChannel channel;
    private final InputStream in;
    private long left;

    /**
     * @param unchanged whether the file still has the ETag the response announced (may throw if it is gone)
     * @param missing   what to throw when the file is gone before it could be opened
     * @param object    the object's URI, for messages
     */
    FileRange(Path file, long first, long length, BooleanSupplier unchanged, Supplier<RuntimeException> missing,
              String object) {
        this.file = file;
        this.unchanged = unchanged;
        this.object = object;
        this.left = length;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(first);
        } catch (NoSuchFileException e) {
            throw missing.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        this.in = Channels.newInputStream(channel);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = in.read(buf, off, (int) Math.min(len, left));
        if (n < 0) {
            throw changed();
        }
        left -= n;
        if (left == 0) {
            checkUnchanged();
        }
        return n;
    }

    private void checkUnchanged() throws IOException {
        boolean same;
        try {
            same = unchanged.getAsBoolean();
        } catch (RuntimeException gone) {
            throw new IOException(file + " vanished while being read as " + object, gone);
        }
        if (!same) {
            throw changed();
        }
    }

    private IOException changed() {
        return new IOException(file + " changed while being read as " + object);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
