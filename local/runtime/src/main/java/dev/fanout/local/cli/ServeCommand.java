package dev.fanout.local.cli;

import dev.fanout.local.runtime.Endpoints;
import dev.fanout.local.runtime.JobJars;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fanout serve [--port 8080]}: keeps the local pipeline up and prints every endpoint with ready-to-paste
 * {@code curl} and {@code aws --endpoint-url} commands; Ctrl-C stops it cleanly.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = "Runs the local pipeline until Ctrl-C and prints its endpoints (jobs API, S3, SQS, Step Functions).")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the jobs API (default: ${DEFAULT-VALUE}; 0 = any free port). S3, SQS and Step Functions take free ports.")
    private int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".fanout",
            description = "Folder of the local S3 buckets and the log (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "" + LocalRuntimeOptions.DEFAULT_TIME_SCALE,
            description = "Every duration of the stack times F, 0.01..1 (default: ${DEFAULT-VALUE}: worker timeout 30 s).")
    private double timeScale;

    @Option(names = "--chaos", paramLabel = "SPEC",
            description = "Inject seeded faults into every job: seed=N,throw=P,hang=P,crash-after-write=P,duplicate=P,"
                    + "s3-errors=P,callback-throttle=P (probabilities 0..1).")
    private String chaos;

    @CommandLine.Mixin
    private JobsJarOption jobsJar;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be within 0..65535");
        }
        String scaleProblem = RunCommand.timeScaleProblem(timeScale);
        if (scaleProblem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), scaleProblem);
        }
        String chaosProblem = RunCommand.chaosProblem(chaos);
        if (chaosProblem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), chaosProblem);
        }
        JobJars jobs;
        try {
            jobs = jobsJar.load();
        } catch (JobJars.UnusableJobsJar e) {
            throw new CommandLine.ParameterException(spec.commandLine(), RunCommand.oneLine(e.getMessage()));
        }
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dataDir);
        LocalLogging.configure(dataDir.resolve("fanout.log"), "WARN");
        LocalRuntimeOptions.Builder options = LocalRuntimeOptions.builder().dataDir(dataDir).apiPort(port)
                .jobs(jobs.registry()).timeScale(timeScale).chaos(chaos);
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(options.build());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("fanout serve: cannot start: " + JobRun.describe(e));
            return RunCommand.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "fanout-shutdown"));
        out.print(banner(runtime, dataDir));
        out.println();
        out.println("Job types       " + jobs.describe());
        out.flush();
        stopped.await();
        return 0;
    }

    JobsJarOption jobsJar() {
        return jobsJar;
    }

    static String banner(LocalRuntime runtime, Path dataDir) {
        Endpoints e = runtime.endpoints();
        String api = e.jobsApi().toString();
        String s3 = e.s3().toString();
        String sqs = e.sqs().toString();
        String sfn = e.stepFunctions().toString();
        String creds = "AWS_ACCESS_KEY_ID=fanout AWS_SECRET_ACCESS_KEY=fanout-local AWS_REGION=" + runtime.options().region();
        return """
                fanout is running locally (Ctrl-C stops it). Logs: %7$s

                Dashboard       %15$s

                Jobs API        %1$s
                  curl -s -X POST %1$s/jobs -H 'Content-Type: application/json' \\
                       -d '{"jobType":"double","input":{"items":[1,2,3]}}'
                  curl -s %1$s/jobs/<jobId>
                  curl -s -X POST %1$s/jobs/<jobId>/redrive      (or: ./fanout redrive <jobId>)

                S3              %2$s   (path-style; buckets %8$s, %9$s, %10$s; files under %11$s)
                  %5$s aws --endpoint-url %2$s s3 cp samples/words.txt s3://%8$s/incoming/wordcount/words.txt
                  %5$s aws --endpoint-url %2$s s3 ls s3://%10$s/results/ --recursive

                SQS             %3$s
                  %5$s aws --endpoint-url %3$s sqs get-queue-attributes --queue-url %12$s --attribute-names All
                  %5$s aws --endpoint-url %3$s sqs receive-message --queue-url %13$s

                Step Functions  %4$s
                  %5$s aws --endpoint-url %4$s stepfunctions list-executions --state-machine-arn %6$s
                  %5$s aws --endpoint-url %4$s stepfunctions describe-execution --execution-arn %14$s

                Uploads to s3://%8$s/incoming/<jobType>/<name> start a job, as on AWS.
                """.formatted(api, s3, sqs, sfn, creds, runtime.stateMachineArn(), dataDir.resolve("fanout.log"),
                runtime.inputBucket(), runtime.workBucket(), runtime.resultsBucket(), dataDir.resolve("s3"),
                runtime.workQueueUrl(), runtime.deadLetterQueueUrl(),
                runtime.executionArn("<jobId>"), runtime.dashboard());
    }
}
