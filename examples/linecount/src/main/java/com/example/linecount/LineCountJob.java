package com.example.linecount;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/** {@code linecount}: the number of lines of a text input. Result: {@code {"lines":N}}. */
public final class LineCountJob implements Job<Long> {

    @Override
    public String name() {
        return "linecount";
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.TEXT_LINES;
    }

    /** One chunk's lines (the pipeline hands each line to exactly one chunk). */
    @Override
    public Long map(MapContext context, Iterator<InputRecord> records) {
        long lines = 0;
        while (records.hasNext()) {
            records.next();
            lines++;
        }
        return lines;
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
    public void writeResult(Long lines, OutputStream out) throws IOException {
        out.write(("{\"lines\":" + lines + "}").getBytes(UTF_8));
    }
}
