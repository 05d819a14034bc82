package dev.fanout.core.jobs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Jackson closes the stream it writes to; the caller of writeResult owns it. */
final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
