package dev.fanout.tests.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/** What the tests' jobs have in common: they count lines, and a chunk's partial is its count. */
abstract class LineCount implements Job<Long> {
    @Override
    public InputFormat inputFormat() {
        return InputFormat.TEXT_LINES;
    }

    /** Runs before the chunk's lines are counted. */
    abstract void beforeCounting(MapContext context);

    @Override
    public Long map(MapContext context, Iterator<InputRecord> records) {
        beforeCounting(context);
        long n = 0;
        while (records.hasNext()) {
            records.next();
            n++;
        }
        return n;
    }

    @Override
    public Long combine(Long left, Long right) {
        return left + right;
    }

    @Override
    public Long empty() {
        return 0L;
    }

    @Override
    public byte[] encode(Long partial) {
        return partial.toString().getBytes(UTF_8);
    }

    @Override
    public Long decode(byte[] bytes) {
        return Long.parseLong(new String(bytes, UTF_8));
    }

    @Override
    public void writeResult(Long result, OutputStream out) throws IOException {
        out.write(("{\"lines\":" + result + "}").getBytes(UTF_8));
    }
}
