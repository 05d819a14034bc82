package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJarTest {

    @TempDir
    Path repo;

    private Path jar() throws IOException {
        Files.createDirectories(repo.resolve("functions/lambda/target/lambda"));
        Files.writeString(repo.resolve("functions/lambda/pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("infra"));
        return Files.write(repo.resolve("functions/lambda/target/lambda/fanout-lambda.jar"), new byte[] {'P', 'K'});
    }

    @Test
    void findsTheJarFromTheRepositoryRoot() throws IOException {
        Path jar = jar();

        assertThat(LambdaJar.resolve(null, repo)).isEqualTo(jar.toAbsolutePath());
    }

    @Test
    void findsTheJarFromTheInfraDirectory() throws IOException {
        Path jar = jar();

        assertThat(LambdaJar.resolve(null, repo.resolve("infra"))).isEqualTo(jar.toAbsolutePath());
    }

    @Test
    void anOverrideWins() throws IOException {
        jar();
        Path other = Files.write(repo.resolve("other.jar"), new byte[] {'P', 'K'});

        assertThat(LambdaJar.resolve(other.toString(), repo)).isEqualTo(other.toAbsolutePath());
    }

    @Test
    void aMissingJarSaysToBuildFirst() throws IOException {
        Files.delete(jar());

        assertThatThrownBy(() -> LambdaJar.resolve(null, repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run ./mvnw package first")
                .hasMessageContaining(LambdaJar.RELATIVE_PATH);
    }

    @Test
    void outsideTheRepositoryItSaysWhereItLooked() {
        assertThatThrownBy(() -> LambdaJar.resolve(null, repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("functions/lambda/pom.xml");
    }
}
