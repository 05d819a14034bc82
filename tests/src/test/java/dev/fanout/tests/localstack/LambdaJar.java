package dev.fanout.tests.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shaded function jar the reactor builds, the artefact the stack deploys. */
public final class LambdaJar {

    /** Overrides the location (an absolute path, or relative to the working directory). */
    public static final String PROPERTY = "fanout.lambdaJar";
    /** Where {@code functions/lambda} writes the shaded jar, relative to the repository root. */
    public static final Path RELATIVE_PATH = Path.of("functions", "lambda", "target", "lambda", "fanout-lambda.jar");

    private LambdaJar() {
    }

    /**
     * The jar from {@value #PROPERTY}, else the first {@link #RELATIVE_PATH} found from the working directory
     * upwards (Maven runs the tests module's tests in {@code tests/}).
     *
     * @throws IllegalStateException naming the expected path and the build command when the jar is missing
     */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return requireFile(Path.of(configured).toAbsolutePath());
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + RELATIVE_PATH + " in " + start + " or above; build it with"
                + " ./mvnw package -pl functions/lambda -am, or set -D" + PROPERTY + "=<path>");
    }

    private static Path requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(PROPERTY + " points to " + path + ", which is not a file");
        }
        return path;
    }
}
