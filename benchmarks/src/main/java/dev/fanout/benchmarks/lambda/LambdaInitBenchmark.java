package dev.fanout.benchmarks.lambda;

import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Each handler's cold start, from the shaded Lambda jar, in fresh JVMs ({@link InitProbe}), with and without the
 * SnapStart priming hook, against a local runtime (real S3 and Step Functions wire protocols on this machine).
 * Prints, per handler, the medians of: JVM start to main, init (handler class loaded and built), priming, the
 * first request and a second one. "Primed" is what a function restored from a snapshot taken after the hook pays
 * for its first request (restoring the snapshot itself is Lambda's and not measured here).
 *
 * <pre>{@code
 * java -cp ... dev.fanout.benchmarks.lambda.LambdaInitBenchmark functions/lambda/target/lambda/fanout-lambda.jar 5
 * java -cp ... dev.fanout.benchmarks.lambda.LambdaInitBenchmark other-build/fanout-lambda.jar 5 cold  # no hook there
 * }</pre>
 */
public final class LambdaInitBenchmark {
    private static final List<String> HANDLERS = List.of("ApiHandler", "SplitterHandler", "WorkerHandler",
            "ReducerHandler", "S3TriggerHandler");
    private static final Pattern LINE = Pattern.compile(
            "INIT handler=(\\S+) jvm=(\\d+) init=(\\d+) prime=(\\d+) first=(\\d+) second=(\\d+)");

    private LambdaInitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean withPriming = args.length < 3 || !args[2].equals("cold");
        Path probeClasses = Path.of(InitProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path work = Files.createTempDirectory("fanout-init");
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntimeOptions.builder().build())) {
            Map<String, Path> inputs = prepare(runtime, work);
            Map<String, String> env = new HashMap<>(runtime.environment(PipelineFunction.API)); // the widest: it also names the state machine
            env.put("AWS_EMF_ENVIRONMENT", "Local");
            env.put("POWERTOOLS_LOG_LEVEL", "WARN");
            System.out.printf("Lambda init, %d fresh JVMs per handler and mode, jar %s (%,d bytes), %s%n", runs,
                    jar.getFileName(), Files.size(jar), Runtime.version());
            System.out.printf("  %-17s %7s %7s %9s %9s | %7s %9s %9s%n", "handler", "jvm", "init", "first", "second",
                    "prime", "first'", "second'");
            for (String handler : HANDLERS) {
                List<long[]> cold = new ArrayList<>();
                List<long[]> primed = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    cold.add(probe(jar, probeClasses, handler, false, inputs.get(handler), env));
                    if (withPriming) {
                        primed.add(probe(jar, probeClasses, handler, true, inputs.get(handler), env));
                    }
                }
                System.out.printf("  %-17s %7d %7d %9d %9d | %7d %9d %9d%n", handler, median(cold, 0),
                        median(cold, 1), median(cold, 3), median(cold, 4), median(primed, 2), median(primed, 3),
                        median(primed, 4));
            }
            System.out.println("  ms, medians; init = handler class loaded and constructed (SDK clients built on "
                    + "first use); ' = after the priming hook ran (as in a SnapStart snapshot)");
        }
    }

    /** jvm, init, prime, first, second */
    private static long[] probe(Path jar, Path classes, String handler, boolean prime, Path input,
                                Map<String, String> env) throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(javaCommand, "-Xmx1g", "-cp", jar + java.io.File.pathSeparator + classes,
                InitProbe.class.getName(), handler, Boolean.toString(prime), input.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(handler + " probe failed:\n" + output);
        }
        Matcher m = LINE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException(handler + " probe printed no figures:\n" + output);
        }
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5)), Long.parseLong(m.group(6))};
    }

    /** -1 when nothing was measured. */
    private static long median(List<long[]> runs, int field) {
        return runs.stream().mapToLong(r -> r[field]).sorted().skip((runs.size() - 1) / 2).findFirst().orElse(-1);
    }

    /** The objects and request bodies the probes use: each handler's request does real S3 / Step Functions work. */
    private static Map<String, Path> prepare(LocalRuntime runtime, Path work) throws IOException {
        String in = runtime.inputBucket();
        byte[] text = "the quick brown fox jumps over the lazy dog\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        String key = "bench/init.txt";
        String incoming = "incoming/wordcount/init.txt";
        runtime.s3().putObject(b -> b.bucket(in).key(key), RequestBody.fromBytes(text));
        runtime.s3().putObject(b -> b.bucket(in).key(incoming), RequestBody.fromBytes(text));
        String etag = runtime.s3().headObject(b -> b.bucket(in).key(key)).eTag().replace("\"", "");
        String incomingEtag = runtime.s3().headObject(b -> b.bucket(in).key(incoming)).eTag().replace("\"", "");
        ObjectLocation input = new ObjectLocation(in, key);
        Chunk chunk = new Chunk("init-job", "wordcount", 0, 1, input, 0, text.length, text.length, etag, null, Map.of());
        SplitPlan plan = new SplitPlan("init-job", "wordcount", input, new ObjectLocation(runtime.workBucket(),
                Keys.manifest("init-job")), 1, text.length, 10, 0, 120, 0, 0);

        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("ApiHandler", write(work, "api.json", "{\"jobType\":\"double\",\"input\":{\"items\":[1,2.5,3]}}"));
        inputs.put("SplitterHandler", write(work, "split.json", Json.write(new JobRequest("init-split", "wordcount",
                input, null, null, null, 0, Map.of()))));
        inputs.put("WorkerHandler", write(work, "work.json", Json.write(new WorkMessage("init-token", chunk))));
        inputs.put("ReducerHandler", write(work, "reduce.json", "{\"action\":\"reduce\",\"plan\":" + Json.write(plan)
                + "}"));
        inputs.put("S3TriggerHandler", write(work, "upload.txt", in + " " + incoming + " " + text.length + " "
                + incomingEtag));
        return inputs;
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
