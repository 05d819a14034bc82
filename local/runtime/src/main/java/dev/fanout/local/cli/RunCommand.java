package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.deployment.Deployment;
import dev.fanout.local.runtime.JobJars;
import dev.fanout.local.runtime.LocalInputs;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import dev.fanout.local.runtime.Uploads;
import dev.fanout.local.runtime.chaos.ChaosSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fanout run FILE|DIR... --job NAME ...} and {@code fanout run --items JSON|@file.json --job NAME}: runs one
 * job through the whole pipeline on this machine and writes its result and summary to {@code OUT/<jobId>/} (and a
 * map-only job's parts beside them). One file is one input object; a directory, or several files and directories,
 * are the objects under one prefix ({@link LocalInputs}).
 * Exit codes: 0 done, 1 the job (or the runtime) failed, 2 bad usage (checked before anything starts).
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs one job through the local pipeline and writes DIR/<jobId>/result.json and summary.json.",
                "Examples: fanout run samples/words.txt --job wordcount",
                "          fanout run logs/ --job grep --param pattern=ERROR",
                "          fanout run notes.txt --job linecount --jobs-jar my-jobs.jar"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job succeeded", "1:the job or the local runtime failed",
                "2:bad usage, a bad --jobs-jar included (checked before anything starts)"})
final class RunCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = {"The input: one file (text, CSV, JSON Lines, "
            + "a JSON array; .gz files are decompressed), or directories (every regular file in them, recursively) "
            + "and files, run as one job over all of them."})
    private List<Path> inputs = new ArrayList<>();

    /** The files to stage, once the arguments are checked. */
    private LocalInputs.Plan plan;

    @Option(names = "--items", paramLabel = "JSON|@file.json",
            description = "A JSON array as input instead of FILE, inline or from a file.")
    private String items;

    @Option(names = "--job", required = true, paramLabel = "NAME",
            description = "The job type: one of the job types listed below (the built-in ones and those of --jobs-jar).")
    private String job;

    @CommandLine.Mixin
    private JobsJarOption jobsJar;

    /** The job types, once the arguments are checked. */
    private JobJars jobs;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A job option; repeatable.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Bytes per chunk of text input, e.g. 8MiB, 512KB (default: about 2 chunks per worker, "
                    + "8MiB to 64MiB, a little more rather than a last chunk under an eighth of the others).")
    private Long chunkSize;

    @Option(names = "--chunk-items", paramLabel = "N", description = "Items per chunk of a JSON array.")
    private Integer chunkItems;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Chunks in flight at most: the job's maxConcurrency (default: the deployment's cap, 100).")
    private Integer concurrency;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "" + LocalRuntimeOptions.DEFAULT_TIME_SCALE,
            description = "Every duration of the stack times F, 0.01..1 (default: ${DEFAULT-VALUE}: worker timeout 30 s).")
    private double timeScale;

    @Option(names = "--chaos", paramLabel = "SPEC",
            description = "Inject seeded faults: seed=N,throw=P,hang=P,crash-after-write=P,duplicate=P,s3-errors=P,"
                    + "callback-throttle=P (probabilities 0..1; summary.json counts them under faults).")
    private String chaos;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fanout-output",
            description = "Where results are written (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".fanout",
            description = "Folder of the local S3 buckets and the log (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        String problem = usageProblem();
        if (problem != null) {
            return usage(problem);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Files.createDirectories(dataDir);
        LocalLogging.configure(dataDir.resolve("fanout.log"), "OFF");
        long starting = System.nanoTime();
        JobRun run = null;
        int exit;
        LocalRuntime runtime = null;
        try {
            runtime = LocalRuntime.start(runtimeOptions());
            long started = System.nanoTime();
            run = new JobRun(runtime, stdout, stderr, out, System.console() != null,
                    jobs.registry().require(job) instanceof MapOnlyJob);
            exit = run.run(this::input, request());
            long stopping = System.nanoTime();
            // the results are written and downloaded: what is left in memory (the queues) ends with the process
            runtime.closeForExit();
            runtime = null;
            long stopped = System.nanoTime();
            stdout.println("time: " + Timings.line(Timings.sinceProcessStart(starting), (started - starting) / 1_000_000,
                    run.phases(), (stopped - stopping) / 1_000_000, Timings.sinceProcessStart(stopped)));
            stdout.flush();
        } catch (JobRun.UsageProblem e) {
            exit = usage(e.getMessage());
        } catch (RuntimeException e) {
            exit = fail("the local runtime failed: " + JobRun.describe(e));
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
        return exit;
    }

    /** Everything checkable before anything starts; null when fine. */
    private String usageProblem() {
        if (inputs.isEmpty() == (items == null)) {
            return "give either FILE|DIR... or --items";
        }
        try {
            jobs = jobsJar.load();
        } catch (JobJars.UnusableJobsJar e) {
            return e.getMessage();
        }
        if (!jobs.registry().names().contains(job)) {
            return "unknown job '" + job + "'; known jobs: " + jobs.describe();
        }
        if (concurrency != null && concurrency < 1) {
            return "--concurrency must be at least 1 (the job's maxConcurrency)";
        }
        String scaleProblem = timeScaleProblem(timeScale);
        if (scaleProblem != null) {
            return scaleProblem;
        }
        String chaosProblem = chaosProblem(chaos);
        if (chaosProblem != null) {
            return chaosProblem;
        }
        if (chunkItems != null && chunkItems < 1) {
            return "--chunk-items must be at least 1";
        }
        if (items != null) {
            return ItemsArgument.problem(items);
        }
        try {
            plan = LocalInputs.plan(inputs);
        } catch (LocalInputs.UnusableInput e) {
            return e.getMessage();
        }
        return null;
    }

    private LocalRuntimeOptions runtimeOptions() {
        return LocalRuntimeOptions.builder().dataDir(dataDir).timeScale(timeScale).chaos(chaos).jobs(jobs.registry())
                .uploadTrigger(false) // this command submits its one job itself
                .build();
    }

    /** Null when {@code spec} is a chaos spec (or absent). */
    static String chaosProblem(String spec) {
        try {
            ChaosSpec.parse(spec);
            return null;
        } catch (IllegalArgumentException e) {
            return "--chaos: " + e.getMessage();
        }
    }

    /** Null when {@code scale} is a time scale the contract takes. */
    static String timeScaleProblem(double scale) {
        if (!(scale >= Deployment.MIN_TIME_SCALE && scale <= 1)) {
            return "--time-scale must be within " + Deployment.MIN_TIME_SCALE + "..1 (1 = AWS's own timing)";
        }
        return null;
    }

    /**
     * Makes the input objects of the local input bucket: files and directories served in place (no copy), the
     * items of {@code --items} uploaded; returns where they are and their size.
     */
    private JobRun.Input input(LocalRuntime runtime, JobRun.UploadProgress progress) throws IOException {
        String upload = "uploads/" + UUID.randomUUID() + "/";
        if (plan != null) {
            LocalInputs.Staged staged = LocalInputs.serve(runtime, upload, plan);
            return new JobRun.Input(staged.uri(), staged.prefix(), staged.bytes());
        }
        ObjectLocation at = new ObjectLocation(runtime.inputBucket(), upload + "items.json");
        if (ItemsArgument.namesFile(items)) {
            Path itemsFile = ItemsArgument.file(items);
            Uploads.upload(runtime.s3(), at.bucket(), at.key(), itemsFile, progress::sent);
            return new JobRun.Input(at.toUri(), false, Files.size(itemsFile));
        }
        byte[] bytes = items.getBytes(StandardCharsets.UTF_8);
        runtime.s3().putObject(r -> r.bucket(at.bucket()).key(at.key()).contentType("application/json"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
        return new JobRun.Input(at.toUri(), false, bytes.length);
    }

    /** The POST /jobs body, without its input (set once uploaded). */
    private ObjectNode request() {
        ObjectNode request = JobsApiClient.json().createObjectNode();
        request.put("jobType", job);
        if (chunkSize != null) {
            request.put("chunkSizeBytes", chunkSize);
        } else if (plan != null) {
            // the chunks that run at once here are bounded by the cores, whatever the Map's and the queue's caps
            int cores = Runtime.getRuntime().availableProcessors();
            long size = defaultChunkSize(plan.bytes(), concurrency != null ? Math.min(concurrency, cores) : cores);
            if (size != LocalRuntime.LOCAL_DEFAULT_CHUNK_SIZE_BYTES) {
                request.put("chunkSizeBytes", size);
            }
        }
        if (chunkItems != null) {
            request.put("chunkSizeItems", chunkItems);
        }
        if (concurrency != null) {
            request.put("maxConcurrency", concurrency);
        }
        if (!params.isEmpty()) {
            ObjectNode options = request.putObject("options");
            params.forEach(options::put);
        }
        return request;
    }

    /**
     * The chunk size when {@code --chunk-size} is not given: about 2 chunks per worker, within 8 MiB (the local
     * runtime's default, for small inputs) and 64 MiB (the functions' default). 256 MiB on 2 workers: 64 MiB. A worker
     * runs the messages of its batch side by side (the local runtime's cores are shared by all of them), so more
     * chunks do not keep the cores busier; they add partials for the reducer (each a full map of its chunk's keys)
     * and loops started cold. 256 MiB on 2 workers, alternating, 3 sittings: wordcount 13 % less wall with 4 chunks
     * of 64 MiB than with 8 of 32 MiB, csv-aggregate even, peak RSS 10 % lower.
     *
     * <p>A last chunk of less than an eighth of the others is spread over them instead (each grows by less than an
     * eighth): 256 MiB and 94 KB on 2 workers is 4 chunks of 64.02 MiB, not 4 of 64 MiB and one of 94 KB, which costs
     * a child execution, a message and a partial for the reducer to merge like any other.
     */
    static long defaultChunkSize(long inputBytes, int workers) {
        long mib = 1L << 20;
        long perChunk = Math.ceilDiv(Math.ceilDiv(inputBytes, 2L * workers), mib) * mib;
        long size = Math.max(LocalRuntime.LOCAL_DEFAULT_CHUNK_SIZE_BYTES, Math.min(64 * mib, perChunk));
        long whole = inputBytes / size;
        long rest = inputBytes % size;
        if (whole > 0 && rest > 0 && rest < size / 8) {
            size = Math.ceilDiv(inputBytes, whole);
        }
        return size;
    }

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout run: " + oneLine(message));
        err.flush();
        return FanoutCli.USAGE;
    }

    /** A message on one line: a class loader's or a constructor's message may hold line breaks. */
    static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout run: " + message);
        err.flush();
        return FAILED;
    }

    JobsJarOption jobsJar() {
        return jobsJar;
    }

    static void pause(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
