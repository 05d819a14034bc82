package dev.fanout.tests.localstack;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link RequiresDocker}. Testcontainers' own {@code disabledWithoutDocker} skips without
 * saying why; this one names the reason and the command that runs the tests where Docker exists.
 */
public final class DockerAvailableCondition implements ExecutionCondition {

    /** The reason reported for every skipped test. */
    public static final String SKIP_MESSAGE = "Docker is not available: LocalStack end-to-end tests skipped."
            + " Run them on a machine with Docker: ./mvnw verify -pl tests -am -Dit.test='LocalStack*IT'"
            + " -Dfailsafe.failIfNoSpecifiedTests=false"
            + " (" + LocalStackOptions.IMAGE_VARIABLE + ", default " + LocalStackOptions.DEFAULT_IMAGE + ", and "
            + LocalStackOptions.AUTH_TOKEN_VARIABLE + " honoured)";

    private final BooleanSupplier dockerAvailable;

    public DockerAvailableCondition() {
        // Testcontainers fails fast when no socket/DOCKER_HOST answers (about 0.3 s here), and caches the answer.
        this(() -> DockerClientFactory.instance().isDockerAvailable());
    }

    DockerAvailableCondition(BooleanSupplier dockerAvailable) {
        this.dockerAvailable = dockerAvailable;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return dockerAvailable.getAsBoolean()
                ? ConditionEvaluationResult.enabled("Docker is available")
                : ConditionEvaluationResult.disabled(SKIP_MESSAGE);
    }
}
