package dev.fanout.local.runtime;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.Record;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A job of the worker's registry as the local runtime hands it out: before each {@code map} it tells a hook which
 * chunk runs (to count the runs per chunk, and for chaos mode to throw); everything else is the job's own.
 */
final class HookedJob<P> implements Job<P> {
    /** Called before a chunk's map; may throw instead of letting it run. */
    @FunctionalInterface
    interface BeforeMap {
        void chunk(String jobId, int chunkIndex);
    }

    private final Job<P> job;
    private final BeforeMap hook;

    HookedJob(Job<P> job, BeforeMap hook) {
        this.job = Objects.requireNonNull(job, "job");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public P map(MapContext context, Iterator<Record> records) {
        hook.chunk(context.jobId(), context.chunkIndex());
        return job.map(context, records);
    }

    @Override
    public String name() {
        return job.name();
    }

    @Override
    public InputFormat inputFormat() {
        return job.inputFormat();
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        return job.validateOptions(options);
    }

    @Override
    public void validateHeader(Map<String, String> options, String header) {
        job.validateHeader(options, header);
    }

    @Override
    public P combine(P left, P right) {
        return job.combine(left, right);
    }

    @Override
    public P empty() {
        return job.empty();
    }

    @Override
    public byte[] encode(P partial) {
        return job.encode(partial);
    }

    @Override
    public P decode(byte[] bytes) {
        return job.decode(bytes);
    }

    @Override
    public void writeResult(P result, OutputStream out) throws IOException {
        job.writeResult(result, out);
    }

    @Override
    public String resultFileName() {
        return job.resultFileName();
    }

    @Override
    public String resultContentType() {
        return job.resultContentType();
    }
}
