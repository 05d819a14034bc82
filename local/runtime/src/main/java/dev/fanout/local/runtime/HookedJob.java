package dev.fanout.local.runtime;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.job.OutputParts;
import dev.fanout.core.job.OutputWriter;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A job of the worker's registry as the local runtime hands it out: before each {@code map} it tells a hook which
 * chunk runs (to count the runs per chunk, and for chaos mode to throw); everything else is the job's own. A
 * map-only job stays a {@link MapOnlyJob} (the pipeline commits its parts), hooked before it writes its part.
 */
class HookedJob<P> implements Job<P> {
    /** Called before a chunk's map; may throw instead of letting it run. */
    @FunctionalInterface
    interface BeforeMap {
        void chunk(String jobId, int chunkIndex);
    }

    private final Job<P> job;
    final BeforeMap hook;

    private HookedJob(Job<P> job, BeforeMap hook) {
        this.job = Objects.requireNonNull(job, "job");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** {@code job} with {@code hook} before each map; of the same kind (a map-only job stays one). */
    @SuppressWarnings("unchecked")
    static <P> Job<P> of(Job<P> job, BeforeMap hook) {
        if (job instanceof MapOnlyJob mapOnly) {
            return (Job<P>) new MapOnly(mapOnly, hook);
        }
        return new HookedJob<>(job, hook);
    }

    @Override
    public P map(MapContext context, Iterator<InputRecord> records) {
        hook.chunk(context.jobId(), context.chunkIndex());
        return job.map(context, records);
    }

    @Override
    public P map(MapContext context, RecordCursor records) {
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
    public P newAccumulator() {
        return job.newAccumulator();
    }

    @Override
    public P merge(P accumulator, P next) {
        return job.merge(accumulator, next);
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

    /**
     * A hooked map-only job: the hook runs before the job writes anything to its part. The rest of the job (its
     * partial, result and names) is forwarded by {@link HookedJob}'s methods, which take precedence over
     * {@link MapOnlyJob}'s defaults.
     */
    static final class MapOnly extends HookedJob<OutputParts> implements MapOnlyJob {
        private final MapOnlyJob job;

        MapOnly(MapOnlyJob job, BeforeMap hook) {
            super(job, hook);
            this.job = job;
        }

        @Override
        public void map(MapContext context, RecordCursor records, OutputWriter output) {
            hook.chunk(context.jobId(), context.chunkIndex());
            job.map(context, records, output);
        }

        @Override
        public OutputParts map(MapContext context, Iterator<InputRecord> records) {
            return job.map(context, records);
        }

        @Override
        public OutputParts map(MapContext context, RecordCursor records) {
            return job.map(context, records);
        }

        @Override
        public String partExtension() {
            return job.partExtension();
        }

        @Override
        public String partContentType() {
            return job.partContentType();
        }
    }
}
