package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerHintsTest {

    @TempDir
    Path home;

    @Test
    void countsDockerHostAsAHint() {
        assertThat(DockerHints.anyPresent(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), home)).isTrue();
    }

    @Test
    void countsAnyTestcontainersConfigurationAsAHint() throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///tmp/d.sock\n");

        assertThat(DockerHints.anyPresent(Map.of(), home)).isTrue();
    }

    @Test
    void countsARootlessSocketAsAHint() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("run"));
        Files.createFile(runtime.resolve("docker.sock"));

        assertThat(DockerHints.anyPresent(Map.of("XDG_RUNTIME_DIR", runtime.toString()), home)).isTrue();
    }

    @Test
    void looksWhereTestcontainersLooks() {
        assertThat(DockerHints.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home)).contains(
                Path.of("/var/run/docker.sock"),
                Path.of("/run/user/1000/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"));
    }

    @Test
    void findsNoHintInAnEmptyHomeWithoutDockerHost() {
        // only the machine-wide socket (or Windows' named pipe) can still answer
        boolean machineWide = Files.exists(Path.of("/var/run/docker.sock"))
                || System.getProperty("os.name", "").startsWith("Windows");

        assertThat(DockerHints.anyPresent(Map.of(), home)).isEqualTo(machineWide);
    }
}
