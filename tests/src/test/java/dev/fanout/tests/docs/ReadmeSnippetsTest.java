package dev.fanout.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code that comes from compiled files stays the same as them. A code block right after
 * {@code <!-- snippet: PATH -->} must be the whole file PATH; after {@code <!-- excerpt: PATH -->}, lines that follow
 * each other in PATH (whitespace at line ends aside).
 */
class ReadmeSnippetsTest {

    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- (snippet|excerpt): (\\S+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    record Marked(String kind, String path, String code) {
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    static List<Marked> marked(String markdown) {
        List<Marked> out = new ArrayList<>();
        Matcher m = MARKED_BLOCK.matcher(markdown);
        while (m.find()) {
            out.add(new Marked(m.group(1), m.group(2), m.group(3)));
        }
        return out;
    }

    @Test
    void theReadmesCodeFromTheExampleIsTheExamplesCode() throws IOException {
        Path root = repositoryRoot();
        List<Marked> blocks = marked(Files.readString(root.resolve("README.md")));

        assertThat(blocks).extracting(Marked::path).contains(
                "examples/linecount/src/main/java/com/example/linecount/LineCountJob.java",
                "examples/linecount/src/test/java/com/example/linecount/LineCountPipelineIT.java",
                "examples/linecount/src/main/java/com/example/linecount/cdk/LineCountApp.java",
                "examples/linecount/pom.xml");
        for (Marked block : blocks) {
            String file = Files.readString(root.resolve(block.path()));
            if (block.kind().equals("snippet")) {
                assertThat(block.code()).as(block.path()).isEqualTo(file);
            } else {
                assertThat(isRunOfLines(trimmed(block.code()), trimmed(file))).as(block.path() + ":\n" + block.code())
                        .isTrue();
            }
        }
    }

    @Test
    void anExcerptMustBeConsecutiveLinesOfItsFile() {
        List<String> file = List.of("a", "b", "c");

        assertThat(isRunOfLines(List.of("b", "c"), file)).isTrue();
        assertThat(isRunOfLines(List.of("a", "c"), file)).isFalse();
    }

    @Test
    void findsTheMarkedBlocks() {
        List<Marked> blocks = marked("x\n<!-- snippet: a/B.java -->\n```java\nclass B {}\n```\n"
                + "<!-- excerpt: pom.xml -->\n```xml\n<a/>\n```\n");

        assertThat(blocks).containsExactly(new Marked("snippet", "a/B.java", "class B {}\n"),
                new Marked("excerpt", "pom.xml", "<a/>\n"));
    }

    private static List<String> trimmed(String text) {
        return text.lines().map(String::stripTrailing).toList();
    }

    private static boolean isRunOfLines(List<String> excerpt, List<String> file) {
        return !excerpt.isEmpty() && Collections.indexOfSubList(file, excerpt) >= 0;
    }
}
