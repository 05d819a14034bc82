package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.deployment.Deployment;
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
                "          fanout run logs/ --job grep --param pattern=ERROR"})
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
            description = "The job type: ${COMPLETION-CANDIDATES}.", completionCandidates = JobNames.class)
    private String job;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A job option; repeatable.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Bytes per chunk of text input, e.g. 8MiB, 512KB (default: 8MiB).")
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
        try (LocalRuntime runtime = LocalRuntime.start(runtimeOptions())) {
            return new JobRun(runtime, stdout, stderr, out, System.console() != null).run(this::input, request());
        } catch (JobRun.UsageProblem e) {
            return usage(e.getMessage());
        } catch (RuntimeException e) {
            return fail("the local runtime failed: " + JobRun.describe(e));
        }
    }

    /** Everything checkable before anything starts; null when fine. */
    private String usageProblem() {
        if (inputs.isEmpty() == (items == null)) {
            return "give either FILE|DIR... or --items";
        }
        var names = JobRegistry.load(RunCommand.class.getClassLoader()).names();
        if (!names.contains(job)) {
            return "unknown job '" + job + "'; known jobs: " + String.join(", ", names);
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
        return LocalRuntimeOptions.builder().dataDir(dataDir).timeScale(timeScale).chaos(chaos).build();
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

    /** Puts the input into the local input bucket; returns where it is and its size. */
    private JobRun.Input input(LocalRuntime runtime, JobRun.UploadProgress progress) throws IOException {
        String upload = "uploads/" + UUID.randomUUID() + "/";
        if (plan != null) {
            LocalInputs.Staged staged = LocalInputs.stage(runtime.s3(), runtime.inputBucket(), upload, plan,
                    progress::sent);
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

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout run: " + message);
        err.flush();
        return FanoutCli.USAGE;
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout run: " + message);
        err.flush();
        return FAILED;
    }

    /** The job names for --help. */
    static final class JobNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return JobRegistry.load(RunCommand.class.getClassLoader()).names().iterator();
        }
    }

    static void pause(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
