package dev.fanout.benchmarks;

import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The reducer's own work on a real job's partials, once, in the JVM it starts in (so with the JIT as cold as a
 * reducer's): decode each partial on a pool (all at once, collected in chunk order, as the reducer's read window
 * does), merge them in chunk order into one accumulator, write the result. The partials are files, e.g. the
 * {@code partials/} folder of a job in the work bucket of a {@code fanout run --data-dir DIR}. Prints the times and
 * the process's CPU time over the same span (the JIT's threads included: on a busy machine a steadier figure than
 * wall time), and the result's size and SHA-256, so runs against two builds can be compared for identical results.
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.fanout.benchmarks.ReducePartials \
 *     wordcount DIR/work/jobs/JOB/partials
 * </pre>
 */
public final class ReducePartials {
    private ReducePartials() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ReducePartials JOB_TYPE PARTIALS_DIR");
            System.exit(2);
        }
        @SuppressWarnings("unchecked")
        Job<Object> job = (Job<Object>) JobRegistry.load().require(args[0]);
        List<byte[]> partials = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[1]))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                partials.add(Files.readAllBytes(file));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        try {
            long cpuStarted = os.getProcessCpuTime();
            long started = System.nanoTime();
            List<Future<Object>> decoded = new ArrayList<>();
            for (byte[] bytes : partials) {
                decoded.add(pool.submit(() -> job.decode(bytes)));
            }
            Object acc = job.newAccumulator();
            long waited = 0;
            for (Future<Object> next : decoded) {
                long t = System.nanoTime();
                Object partial = await(next);
                waited += System.nanoTime() - t;
                acc = job.merge(acc, partial);
            }
            long merged = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            job.writeResult(acc, out);
            long written = System.nanoTime();
            long cpu = os.getProcessCpuTime() - cpuStarted;
            long bytes = partials.stream().mapToLong(p -> p.length).sum();
            System.out.printf("%d partials, %,d bytes: decode+merge %.0f ms (of it waiting for decodes %.0f), "
                            + "write %.0f ms, total %.0f ms, CPU of the process meanwhile %.0f ms (JIT included); result %,d bytes "
                            + "sha256 %s%n", partials.size(), bytes, (merged - started) / 1e6, waited / 1e6,
                    (written - merged) / 1e6, (written - started) / 1e6, cpu / 1e6, out.size(),
                    sha256(out.toByteArray()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object await(Future<Object> future) throws InterruptedException, IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
