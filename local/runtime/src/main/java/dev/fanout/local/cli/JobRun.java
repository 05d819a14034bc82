package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/** One job of {@code fanout run}: upload, submit through the jobs API, follow, download. */
final class JobRun {
    /**
     * How often the progress is asked for (GET /jobs/{jobId}) while the job runs on a terminal: twice a second (the
     * bar itself redraws its clock every 200 ms). Each ask is four HTTP requests (the API, then the engine's
     * DescribeExecution, ListMapRuns and DescribeMapRun): at five a second, a 256 MiB wordcount on 2 cores took
     * about 0.7 s more CPU on a terminal than in the log form (README "Performance"). The job's end is not polled
     * for: the run waits on the execution itself.
     */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    /** The same for the log form, which prints at most every 2 s: once a second, so a line is at most a second old. */
    static final Duration LOG_PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** How often the failure report is looked for once a job has failed (it is written when the status changes). */
    private static final long REPORT_POLL_MILLIS = 50;
    private static final long REPORT_WAIT_NANOS = 10_000_000_000L;

    private final LocalRuntime runtime;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path outDir;
    private final boolean terminal;
    private final JobsApiClient api;
    private final boolean mapOnly;
    private final Duration progressInterval;
    /** Where the time went, in milliseconds, in order: input, job (split, map, reduce), output. */
    private final Map<String, Long> phases = new LinkedHashMap<>();

    /**
     * @param mapOnly whether the job is a map-only one, whose result is the manifest of its parts (only then is the
     *                result read, to download them)
     */
    JobRun(LocalRuntime runtime, PrintWriter out, PrintWriter err, Path outDir, boolean terminal, boolean mapOnly) {
        this(runtime, out, err, outDir, terminal, mapOnly, terminal ? PROGRESS_INTERVAL : LOG_PROGRESS_INTERVAL);
    }

    /** @param progressInterval how often the progress is asked for while the job runs */
    JobRun(LocalRuntime runtime, PrintWriter out, PrintWriter err, Path outDir, boolean terminal, boolean mapOnly,
           Duration progressInterval) {
        this.mapOnly = mapOnly;
        this.progressInterval = Objects.requireNonNull(progressInterval, "progressInterval");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.out = out;
        this.err = err;
        this.outDir = outDir;
        this.terminal = terminal;
        this.api = new JobsApiClient(runtime.endpoints().jobsApi());
    }

    /**
     * Where the uploaded input is and how big it is.
     *
     * @param prefix whether {@code uri} is a prefix ({@code input.s3Prefix}) rather than one object
     */
    record Input(String uri, boolean prefix, long size) {
    }

    @FunctionalInterface
    interface UploadProgress {
        void sent(long bytes);
    }

    @FunctionalInterface
    interface InputSource {
        Input upload(LocalRuntime runtime, UploadProgress progress) throws IOException;
    }

    /** The jobs API refused the request (400): a usage error of the command. */
    static final class UsageProblem extends RuntimeException {
        UsageProblem(String message) {
            super(message);
        }
    }

    /** @return the exit code */
    int run(InputSource source, ObjectNode request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Input input = source.upload(runtime, bytes -> { });
        long submitted0 = System.nanoTime();
        phases.put("input", millis(submitted0 - started));
        request.putObject("input").put(input.prefix() ? "s3Prefix" : "s3Uri", input.uri());
        JobsApiClient.Reply submitted = api.submit(request);
        if (submitted.status() == 400) {
            throw new UsageProblem("invalid request: " + submitted.text("message"));
        }
        String jobId = submitted.text("jobId");
        if (submitted.status() / 100 != 2 || jobId == null) {
            return fail("the jobs API answered " + submitted.status() + ": " + submitted.body());
        }
        out.println("job: " + jobId);
        out.flush();
        JsonNode view = follow(jobId, input.size());
        long ended = System.nanoTime();
        phases.put("job", millis(ended - submitted0));
        String status = view.path("status").asText();
        if (!status.equals("SUCCEEDED")) {
            view = awaitFailureReport(jobId, view);
            return fail("job " + jobId + " " + status + ": " + view.path("error").asText("(no error)") + ": "
                    + oneLine(view.path("cause").asText("(no cause)")));
        }
        Path dir = outDir.resolve(jobId);
        Files.createDirectories(dir);
        Path result = download(view.path("resultUri").asText(null), dir);
        Path summary = download(view.path("summaryUri").asText(null), dir);
        List<Path> parts = mapOnly ? downloadParts(result, dir) : List.of();
        phases.put("output", millis(System.nanoTime() - ended));
        if (summary != null) {
            JsonNode wall = JobsApiClient.json().readTree(summary.toFile()).path("wallTimeMillis");
            for (String phase : List.of("split", "map", "reduce")) {
                if (wall.path(phase).isNumber()) {
                    phases.put(phase, wall.path(phase).asLong());
                }
            }
        }
        out.println("result: " + result);
        if (!parts.isEmpty()) {
            out.println("parts: " + parts.size() + " in " + dir + " (" + parts.getFirst().getFileName()
                    + (parts.size() > 1 ? " ... " + parts.getLast().getFileName() : "") + ")");
        }
        if (summary != null) {
            out.println("summary: " + summary);
            SummaryLines.of(Files.readString(summary)).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    /**
     * Milliseconds per phase of the last {@link #run}, in order: {@code input} (staging it), {@code job} (submitted
     * to ended), {@code output} (downloads), then the summary's {@code split}, {@code map} and
     * {@code reduce} (parts of {@code job}); only the phases reached.
     */
    Map<String, Long> phases() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * Follows the job until it ends, showing progress; returns the final view (GET /jobs/{jobId}, as any client of
     * the API sees it). The runtime's engine is in this process: the run waits on the execution (the job id is its
     * name) and wakes as it ends, instead of finding the end by polling; the progress is asked for in between.
     */
    private JsonNode follow(String jobId, long inputBytes) throws IOException, InterruptedException {
        Execution execution = runtime.stepFunctions().describeExecution(runtime.executionArn(jobId));
        boolean ended = false;
        try (Progress progress = Progress.create(terminal, inputBytes, out)) {
            while (true) {
                JobsApiClient.Reply reply = api.status(jobId);
                if (reply.status() != 200) {
                    throw new IllegalStateException("GET /jobs/" + jobId + " answered " + reply.status() + ": "
                            + reply.body());
                }
                JsonNode view = reply.body();
                long total = view.path("chunksTotal").asLong(-1);
                long done = Math.max(0, view.path("chunksSucceeded").asLong(0))
                        + Math.max(0, view.path("chunksFailed").asLong(0));
                progress.update(done, total);
                if (!"RUNNING".equals(view.path("status").asText())) {
                    return view;
                }
                if (execution.await(progressInterval) != ExecutionStatus.RUNNING && ended) {
                    // the engine's status is past RUNNING but the API still answers RUNNING (a status the API
                    // maps to RUNNING, such as PENDING_REDRIVE): ask again at the progress pace, not in a spin
                    RunCommand.pause(progressInterval.toMillis());
                }
                ended = execution.status() != ExecutionStatus.RUNNING;
            }
        }
    }

    /**
     * The failure report (written when the execution's status changes) names the failed chunks and byte offsets;
     * the view shows its cause once it is there. Waits a little for it, else keeps the execution's own.
     */
    private JsonNode awaitFailureReport(String jobId, JsonNode view) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + REPORT_WAIT_NANOS;
        JsonNode latest = view;
        while (latest.path("summaryUri").isNull() || latest.path("summaryUri").isMissingNode()) {
            if (System.nanoTime() > deadline) {
                return latest;
            }
            RunCommand.pause(REPORT_POLL_MILLIS);
            JobsApiClient.Reply reply = api.status(jobId);
            if (reply.status() == 200) {
                latest = reply.body();
            }
        }
        return latest;
    }

    private Path download(String uri, Path dir) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        ObjectLocation at = ObjectLocation.parseUri(uri, "resultUri");
        Path target = dir.resolve(at.key().substring(at.key().lastIndexOf('/') + 1));
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot replace " + target, e);
        }
        runtime.s3().getObject(r -> r.bucket(at.bucket()).key(at.key()), ResponseTransformer.toFile(target));
        return target;
    }

    /** A map-only job's result is the manifest of its parts: fetch each beside it, in order. */
    private List<Path> downloadParts(Path result, Path dir) throws IOException {
        if (result == null) {
            return List.of();
        }
        JsonNode manifest;
        try {
            manifest = JobsApiClient.json().readTree(result.toFile());
        } catch (IOException e) {
            return List.of(); // not JSON: not a manifest
        }
        JsonNode listed = manifest.path("parts");
        if (!manifest.isObject() || !listed.isArray()) {
            return List.of();
        }
        List<Path> parts = new ArrayList<>();
        for (JsonNode part : listed) {
            String key = part.path("key").asText();
            parts.add(download("s3://" + runtime.resultsBucket() + "/" + key, dir));
        }
        return parts;
    }

    private int fail(String message) {
        err.println("fanout run: " + message);
        err.flush();
        return RunCommand.FAILED;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** An exception as one line: its message and its causes' messages. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(": caused by ");
            }
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return oneLine(sb.toString());
    }
}
