package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which local files become which input keys: nothing is uploaded here. */
class LocalInputsTest {
    @TempDir
    Path dir;

    private Path file(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void oneFileIsOneObject() throws Exception {
        LocalInputs.Plan plan = LocalInputs.plan(List.of(file("data/words.txt", "a b\n")));
        assertThat(plan.single()).isTrue();
        assertThat(LocalInputs.keys(plan)).containsExactly("words.txt");
        assertThat(plan.bytes()).isEqualTo(4);
    }

    @Test
    void aDirectorysFilesKeepTheirPathRelativeToIt_recursively() throws Exception {
        file("logs/2026/11/a.log", "x\n");
        file("logs/2026/12/b.log.gz", "y");
        file("logs/top.txt", "");
        Files.createDirectories(dir.resolve("logs/empty-folder"));

        LocalInputs.Plan plan = LocalInputs.plan(List.of(dir.resolve("logs")));

        assertThat(plan.single()).isFalse();
        assertThat(LocalInputs.keys(plan)).containsExactly("2026/11/a.log", "2026/12/b.log.gz", "top.txt");
    }

    @Test
    void severalArgumentsKeepTheirNames_andADirectorysName() throws Exception {
        Path a = file("x/a.txt", "a\n");
        Path b = file("y/b.txt", "b\n");
        file("sub/c.txt", "c\n");

        LocalInputs.Plan plan = LocalInputs.plan(List.of(a, b, dir.resolve("sub")));

        assertThat(plan.single()).isFalse();
        assertThat(LocalInputs.keys(plan)).containsExactly("a.txt", "b.txt", "sub/c.txt");
    }

    @Test
    void refusesWhatCannotBeAnInput() throws Exception {
        assertThatThrownBy(() -> LocalInputs.plan(List.of(dir.resolve("missing"))))
                .isInstanceOf(LocalInputs.UnusableInput.class).hasMessageContaining("no such file: ");
        Path a = file("p/same.txt", "1");
        Path b = file("q/same.txt", "2");
        assertThatThrownBy(() -> LocalInputs.plan(List.of(a, b))).hasMessageContaining("would both be same.txt");
        Files.createDirectories(dir.resolve("hollow"));
        assertThatThrownBy(() -> LocalInputs.plan(List.of(dir.resolve("hollow"))))
                .hasMessageContaining("no regular file");
    }
}
