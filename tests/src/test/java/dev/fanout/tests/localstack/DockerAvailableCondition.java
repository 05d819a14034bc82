package dev.fanout.tests.localstack;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link RequiresDocker}. Testcontainers' own {@code disabledWithoutDocker} skips without
 * saying why; this one names the reason and the command that runs the tests where Docker exists, and prints it,
 * because Maven's console shows only the count of skipped tests.
 */
public final class DockerAvailableCondition implements ExecutionCondition {

    /** The reason reported for every skipped test. */
    public static final String SKIP_MESSAGE = "Docker is not available: LocalStack end-to-end tests skipped."
            + " Run them on a machine with Docker: ./mvnw verify -pl tests -am -Dit.test='LocalStack*IT'"
            + " -Dfailsafe.failIfNoSpecifiedTests=false"
            + " (" + LocalStackOptions.IMAGE_VARIABLE + ", default " + LocalStackOptions.DEFAULT_IMAGE + ", and "
            + LocalStackOptions.AUTH_TOKEN_VARIABLE + " honoured)";

    private final BooleanSupplier dockerAvailable;
    private final Consumer<String> console;

    public DockerAvailableCondition() {
        this(DockerAvailableCondition::dockerAnswers, System.out::println);
    }

    DockerAvailableCondition(BooleanSupplier dockerAvailable, Consumer<String> console) {
        this.dockerAvailable = dockerAvailable;
        this.console = console;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (dockerAvailable.getAsBoolean()) {
            return ConditionEvaluationResult.enabled("Docker is available");
        }
        console.accept(SKIP_MESSAGE);
        return ConditionEvaluationResult.disabled(SKIP_MESSAGE);
    }

    /** Testcontainers decides, when there is anything for it to find; it caches its answer per JVM. */
    private static boolean dockerAnswers() {
        return DockerHints.anyPresent(System.getenv(), Path.of(System.getProperty("user.home")))
                && DockerClientFactory.instance().isDockerAvailable();
    }
}
