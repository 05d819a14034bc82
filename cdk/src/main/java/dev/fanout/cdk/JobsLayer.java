package dev.fanout.cdk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * The job types' code as a Lambda layer. Lambda extracts a layer into {@code /opt}, and the Java runtimes put the
 * jars of {@code /opt/java/lib} on the function's class path ("Layer paths for each Lambda runtime":
 * https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html), so the functions' {@code ServiceLoader} finds
 * the layer's job types beside the built-in ones, with no change to the functions' jar.
 *
 * <p>A jar goes into the layer as {@code java/lib/<its name>}; a directory of classes (a module's
 * {@code target/classes}) is packed into {@code java/lib/jobs.jar} first, with fixed entry times and order, so the
 * same classes always give the same asset hash (and no new layer version).
 */
public final class JobsLayer extends Construct {

    /** The service file that registers job types. */
    public static final String SERVICE_FILE = "META-INF/services/dev.fanout.core.job.Job";
    /** Entry time of a jar packed from a directory (the zip format's earliest), so its bytes depend only on content. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final LayerVersion layer;

    /** @param jobs a jar, or a directory of classes, holding {@value #SERVICE_FILE} */
    public JobsLayer(Construct scope, String id, Path jobs) {
        super(scope, id);
        Objects.requireNonNull(jobs, "jobs");
        layer = LayerVersion.Builder.create(this, "Layer")
                .description("fanout job types from " + jobs.getFileName())
                .code(Code.fromAsset(stage(jobs.toAbsolutePath().normalize()).toString()))
                .compatibleRuntimes(List.of(Runtime.JAVA_21))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build();
    }

    public LayerVersion layer() {
        return layer;
    }

    /** A directory holding {@code java/lib/<jar>}: the layer's content. */
    static Path stage(Path jobs) {
        try {
            Path staging = Files.createTempDirectory("fanout-jobs-layer");
            Path lib = Files.createDirectories(staging.resolve("java/lib"));
            if (Files.isDirectory(jobs)) {
                requireServiceFile(Files.isRegularFile(jobs.resolve(SERVICE_FILE)), jobs);
                pack(jobs, lib.resolve("jobs.jar"));
            } else if (Files.isRegularFile(jobs)) {
                try (JarFile jar = new JarFile(jobs.toFile())) {
                    requireServiceFile(jar.getEntry(SERVICE_FILE) != null, jobs);
                }
                Files.copy(jobs, lib.resolve(jobs.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            } else {
                throw new IllegalArgumentException("jobs: no jar or directory at " + jobs
                        + " (build the jobs' module first, e.g. mvn package)");
            }
            return staging;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the jobs layer from " + jobs, e);
        }
    }

    private static void requireServiceFile(boolean present, Path jobs) {
        if (!present) {
            throw new IllegalArgumentException("jobs: " + jobs + " registers no job type (" + SERVICE_FILE
                    + " is missing)");
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                JarEntry entry = new JarEntry(classes.relativize(file).toString().replace('\\', '/'));
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
