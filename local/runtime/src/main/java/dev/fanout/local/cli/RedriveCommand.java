package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fanout redrive JOB_ID}: redrives a failed job of a running {@code fanout serve} through its jobs API
 * ({@code POST /jobs/{jobId}/redrive}): only its failed chunks run again. Follows the job to its end and prints where
 * its result and summary are. Exit codes: 0 the job succeeded, 1 it failed again or cannot be redriven (the reason
 * is printed), 2 bad usage.
 */
@Command(name = "redrive",
        mixinStandardHelpOptions = true,
        description = {"Redrives a failed job of a running 'fanout serve': only its failed chunks run again.",
                "Example: fanout redrive 3c1f0e2a-... (fanout run's jobs end with the command: redrive those of serve)"})
final class RedriveCommand implements Callable<Integer> {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final long POLL_MILLIS = 250;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to redrive.")
    private String jobId;

    @Option(names = "--api", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The jobs API of the running 'fanout serve' (default: ${DEFAULT-VALUE}).")
    private URI api;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".fanout",
            description = "The data folder of that 'fanout serve', to show the result's file (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!JOB_ID.matcher(jobId).matches()) {
            return fail(FanoutCli.USAGE, "'" + jobId + "' cannot be a job id");
        }
        if (api.getScheme() == null || !api.getScheme().startsWith("http")) {
            return fail(FanoutCli.USAGE, "--api must be an http:// URL, was " + api);
        }
        JobsApiClient client = new JobsApiClient(api);
        JobsApiClient.Reply redriven;
        try {
            redriven = client.redrive(jobId);
        } catch (ConnectException e) {
            return fail(RunCommand.FAILED, "no jobs API at " + api + ": is 'fanout serve' running?");
        }
        switch (redriven.status()) {
            case 202 -> out.println("redriving job: " + jobId);
            case 404 -> {
                return fail(RunCommand.FAILED, "no job " + jobId + " at " + api);
            }
            case 409 -> {
                return fail(RunCommand.FAILED, "job " + jobId + " cannot be redriven: " + redriven.text("message"));
            }
            default -> {
                return fail(RunCommand.FAILED, "the jobs API answered " + redriven.status() + ": " + redriven.body());
            }
        }
        out.flush();
        JsonNode view = follow(client);
        String status = view.path("status").asText();
        if (!status.equals("SUCCEEDED")) {
            return fail(RunCommand.FAILED, "job " + jobId + " " + status + " again: "
                    + view.path("error").asText("(no error)") + ": " + view.path("cause").asText("(no cause)"));
        }
        out.println("result: " + where(view.path("resultUri").asText(null)));
        out.println("summary: " + where(view.path("summaryUri").asText(null)));
        out.flush();
        return 0;
    }

    private JsonNode follow(JobsApiClient client) throws IOException, InterruptedException {
        while (true) {
            JobsApiClient.Reply reply = client.status(jobId);
            if (reply.status() != 200) {
                throw new IllegalStateException("GET /jobs/" + jobId + " answered " + reply.status());
            }
            if (!"RUNNING".equals(reply.body().path("status").asText())) {
                return reply.body();
            }
            RunCommand.pause(POLL_MILLIS);
        }
    }

    /** The file under the serve's data folder when it is there (filesystem S3), else the s3:// URI. */
    private String where(String s3Uri) {
        if (s3Uri == null || !s3Uri.startsWith("s3://")) {
            return String.valueOf(s3Uri);
        }
        Path file = dataDir.resolve("s3").resolve(s3Uri.substring("s3://".length()));
        return Files.isRegularFile(file) ? file.toString() : s3Uri;
    }

    private int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fanout redrive: " + message);
        err.flush();
        return code;
    }
}
