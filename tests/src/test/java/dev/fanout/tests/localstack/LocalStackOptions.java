package dev.fanout.tests.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the LocalStack container is started, read from the environment of the test JVM.
 *
 * <pre>{@code
 * LocalStackOptions options = LocalStackOptions.fromEnv(System.getenv());
 * new LocalStackContainer(options.image())
 *         .withServices(LocalStackOptions.SERVICES.toArray(String[]::new))
 *         .withEnv(options.containerEnv());
 * }</pre>
 *
 * @param image               the image to run; {@value #DEFAULT_IMAGE} unless {@code LOCALSTACK_IMAGE} is set
 * @param authToken           {@code LOCALSTACK_AUTH_TOKEN}, passed through when set (required by images from 4.15)
 * @param lambdaDockerNetwork {@code LAMBDA_DOCKER_NETWORK}, passed through when set (LocalStack in a custom
 *                            Docker network, e.g. Docker-in-Docker CI runners)
 */
public record LocalStackOptions(String image, Optional<String> authToken, Optional<String> lambdaDockerNetwork) {

    /** The last LocalStack release that starts without an auth token. */
    public static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    public static final String IMAGE_VARIABLE = "LOCALSTACK_IMAGE";
    public static final String AUTH_TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";
    public static final String LAMBDA_NETWORK_VARIABLE = "LAMBDA_DOCKER_NETWORK";

    /** The image LocalStack runs {@code java21} functions in (AWS's public Lambda base image). */
    public static final String JAVA_RUNTIME_IMAGE = "public.ecr.aws/lambda/java:21";

    /** The services the pipeline uses; nothing else is started. */
    public static final List<String> SERVICES =
            List.of("s3", "sqs", "lambda", "stepfunctions", "apigateway", "iam", "logs", "sts");

    /** Seconds LocalStack waits for a Java runtime to come up; its default of 20 is tight for a cold JVM on CI. */
    static final String RUNTIME_START_TIMEOUT_SECONDS = "90";

    public LocalStackOptions {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException(IMAGE_VARIABLE + " must name an image, e.g. " + DEFAULT_IMAGE);
        }
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(lambdaDockerNetwork, "lambdaDockerNetwork");
    }

    public static LocalStackOptions fromEnv(Map<String, String> env) {
        return new LocalStackOptions(
                nonBlank(env.get(IMAGE_VARIABLE)).orElse(DEFAULT_IMAGE),
                nonBlank(env.get(AUTH_TOKEN_VARIABLE)),
                nonBlank(env.get(LAMBDA_NETWORK_VARIABLE)));
    }

    /**
     * Environment of the LocalStack container besides {@code SERVICES}. The Docker socket itself is mounted by
     * Testcontainers' {@code LocalStackContainer}; LocalStack uses it to start one container per Lambda execution
     * environment, in its own Docker network unless {@code LAMBDA_DOCKER_NETWORK} says otherwise.
     */
    public Map<String, String> containerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        // The functions are declared arm64 as on AWS; run them on the host's architecture instead of emulating.
        env.put("LAMBDA_IGNORE_ARCHITECTURE", "1");
        env.put("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", RUNTIME_START_TIMEOUT_SECONDS);
        env.put("LAMBDA_REMOVE_CONTAINERS", "1");
        authToken.ifPresent(token -> env.put(AUTH_TOKEN_VARIABLE, token));
        lambdaDockerNetwork.ifPresent(network -> env.put(LAMBDA_NETWORK_VARIABLE, network));
        return env;
    }

    /** The image and whether a token is set, never the token itself. */
    @Override
    public String toString() {
        return image + (authToken.isPresent() ? " (with " + AUTH_TOKEN_VARIABLE + ")" : " (no auth token)");
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
