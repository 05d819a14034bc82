package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --items @FILE}: the file is ours to read, in any layout, and checked before anything starts. */
class ItemsArgumentTest {
    /** A JSON array as people write it by hand or a tool pretty-prints it: indentation, tabs, CRLF, blank lines. */
    private static final String PRETTY_ARRAY = """
            [
              1,
              -20,\r
            \t300 ,

              12345678901234567890123,
              [ "nested", { "k" : "v w" } ],
              "a string with  spaces"
            ]
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Nested
    class OnTheCommandLine {
        @Test
        void reachesTheRunCommandAsWritten_notExpandedIntoWordsByPicocli() throws Exception {
            Path file = write("pretty.json", PRETTY_ARRAY);

            CommandLine.ParseResult parsed = FanoutCli.commandLine()
                    .parseArgs("run", "--items", "@" + file, "--job", "double");

            assertThat(parsed.subcommand().matchedOptionValue("--items", "")).isEqualTo("@" + file);
            assertThat(parsed.subcommand().unmatched()).isEmpty();
        }

        @Test
        void aFileThatHoldsNoArray_isAUsageErrorBeforeAnythingStarts() throws Exception {
            Path file = write("object.json", "{\n  \"items\": [1, 2, 3]\n}\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = FanoutCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            int code = cli.execute("run", "--items", "@" + file, "--job", "double",
                    "--data-dir", dir.resolve("data").toString());

            assertThat(code).isEqualTo(2);
            assertThat(err.toString().lines()).containsExactly(
                    "fanout run: --items @" + file + " must hold a JSON array, e.g. [1,2,3]");
            assertThat(out.toString()).isEmpty();
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    @Nested
    class FromAFile {
        @Test
        void aPrettyPrintedArrayOverManyLines_isFine() throws Exception {
            Path file = write("pretty.json", PRETTY_ARRAY);

            assertThat(ItemsArgument.problem("@" + file)).isNull();
            assertThat(ItemsArgument.namesFile("@" + file)).isTrue();
            assertThat(ItemsArgument.file("@" + file)).isEqualTo(file);
        }

        @Test
        void aLargeArray_isReadAsAStream() throws Exception {
            StringBuilder json = new StringBuilder("[\n");
            for (int i = 0; i < 200_000; i++) {
                json.append("    ").append(i).append(i < 199_999 ? ",\n" : "\n");
            }
            Path file = write("large.json", json.append("]\n").toString());

            assertThat(ItemsArgument.problem("@" + file)).isNull();
        }

        @Test
        void aTruncatedArray_namesWhereTheJsonBreaks() throws Exception {
            Path file = write("truncated.json", "[\n  1,\n  2,\n");

            assertThat(ItemsArgument.problem("@" + file))
                    .startsWith("--items @" + file + " is not valid JSON: ")
                    .contains("line 4");
        }

        @Test
        void aSyntaxErrorInside_namesItsLine() throws Exception {
            Path file = write("broken.json", "[\n  1,\n  2 3\n]\n");

            assertThat(ItemsArgument.problem("@" + file)).contains("is not valid JSON").contains("line 3");
        }

        @Test
        void somethingAfterTheArray_isRefused() throws Exception {
            Path file = write("two.json", "[1, 2]\n[3]\n");

            assertThat(ItemsArgument.problem("@" + file))
                    .isEqualTo("--items @" + file + " must hold one JSON array; more follows it at line 2, column 1");
        }

        @Test
        void anEmptyFile_holdsNoArray() throws Exception {
            Path file = write("empty.json", "  \n");

            assertThat(ItemsArgument.problem("@" + file)).endsWith("must hold a JSON array, e.g. [1,2,3]");
        }

        @Test
        void aMissingFile_aFolder_andNoName() {
            assertThat(ItemsArgument.problem("@" + dir.resolve("missing.json")))
                    .isEqualTo("no such file: " + dir.resolve("missing.json"));
            assertThat(ItemsArgument.problem("@" + dir)).isEqualTo(dir + " is not a file");
            assertThat(ItemsArgument.problem("@")).isEqualTo("--items @ needs a file name, e.g. --items @numbers.json");
        }
    }

    @Nested
    class Inline {
        @Test
        void anArray_isFine_andAnythingElseIsNot() {
            assertThat(ItemsArgument.problem("[1, 2, 3]")).isNull();
            assertThat(ItemsArgument.namesFile("[1, 2, 3]")).isFalse();
            assertThat(ItemsArgument.problem("{\"a\":1}")).isEqualTo("--items must be a JSON array, e.g. [1,2,3]");
            assertThat(ItemsArgument.problem("[1, 2")).startsWith("--items is not valid JSON: ");
        }
    }
}
