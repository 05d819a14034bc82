package dev.fanout.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the functions' shaded jar that the Maven reactor builds, whether the app runs from the repository root
 * or from {@code infra/}.
 */
public final class LambdaJar {

    /** The jar, relative to the repository root. */
    public static final String RELATIVE_PATH = "functions/lambda/target/lambda/fanout-lambda.jar";
    /** System property that points at another jar (local experiments). */
    public static final String PROPERTY = "fanout.lambdaJar";

    private LambdaJar() {
    }

    /**
     * @param override an explicit jar path (context or system property), or null
     * @param start    the directory to search upwards from for the repository root
     * @throws IllegalStateException with what to do, if there is no jar
     */
    public static Path resolve(String override, Path start) {
        Path jar = override != null && !override.isBlank()
                ? Path.of(override).toAbsolutePath()
                : repositoryRoot(start).resolve(RELATIVE_PATH);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar not found at " + jar
                    + ": run ./mvnw package first (from the repository root; add -DskipTests to skip the tests)");
        }
        return jar;
    }

    /** The nearest directory at or above {@code start} holding {@code functions/lambda/pom.xml}. */
    static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions/lambda/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no fanout repository (a directory with functions/lambda/pom.xml) at or above "
                + start.toAbsolutePath() + "; run the CDK app from the repository or set -D" + PROPERTY);
    }
}
