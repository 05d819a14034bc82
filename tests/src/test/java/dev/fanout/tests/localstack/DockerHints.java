package dev.fanout.tests.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether anything on this machine could lead Testcontainers to a Docker engine: {@code DOCKER_HOST}, a
 * {@code ~/.testcontainers.properties}, or a socket where one of its strategies looks (the standard, rootless and
 * Docker Desktop locations). With no hint at all, Testcontainers would fail anyway, after logging its search at
 * ERROR level; asking it only when a hint exists keeps a Docker-less build quiet and the skip instant.
 *
 * <pre>{@code
 * boolean worthAsking = DockerHints.anyPresent(System.getenv(), Path.of(System.getProperty("user.home")));
 * }</pre>
 */
public final class DockerHints {

    private DockerHints() {
    }

    public static boolean anyPresent(Map<String, String> env, Path home) {
        if (isSet(env.get("DOCKER_HOST")) || isSet(env.get("TESTCONTAINERS_HOST_OVERRIDE"))
                || System.getProperty("os.name", "").startsWith("Windows")) {
            return true;
        }
        return candidates(env, home).stream().anyMatch(Files::exists);
    }

    /** Files whose presence means Testcontainers might find an engine. */
    static List<Path> candidates(Map<String, String> env, Path home) {
        List<Path> paths = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock")));
        if (isSet(env.get("XDG_RUNTIME_DIR"))) {
            paths.add(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"));
        }
        return paths;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
