package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProcessExit} in a child JVM: the exit code, the flushed output, and which exit ended the process. */
class ProcessExitTest {
    @TempDir
    Path dir;

    @Test
    void endsWithTheCommandsCodeAfterFlushingAndSkipsShutdownHooksWhereNativeExitIsAvailable() throws Exception {
        Child child = run("--enable-native-access=ALL-UNNAMED");
        assertThat(child.code).isEqualTo(7);
        boolean native22 = Runtime.version().feature() >= 22;
        assertThat(child.out).contains("native exit: " + native22).contains("last line, unflushed");
        // the JVM's exit runs shutdown hooks; _exit does not
        assertThat(child.out.contains("shutdown hook ran")).isEqualTo(!native22);
    }

    @Test
    void usesTheJvmsExitWhenAskedTo() throws Exception {
        Child child = run("--enable-native-access=ALL-UNNAMED", "-Dfanout.exit=jvm");
        assertThat(child.code).isEqualTo(7);
        assertThat(child.out).contains("native exit: false").contains("last line, unflushed")
                .contains("shutdown hook ran");
    }

    @Test
    void usesTheJvmsExitWhenTheJvmHasWorkToDoAtItsExit() throws Exception {
        Path recording = dir.resolve("exit.jfr");
        Child child = run("--enable-native-access=ALL-UNNAMED", "-XX:StartFlightRecording=filename=" + recording);
        assertThat(child.code).isEqualTo(7);
        assertThat(child.out).contains("native exit: false").contains("shutdown hook ran");
        assertThat(recording).isNotEmptyFile();
    }

    private record Child(int code, String out) {
    }

    private Child run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
        return new Child(process.exitValue(), Files.readString(out));
    }

    /** The child: a thread parked in native code (accept), a shutdown hook, an unflushed writer, then exit 7. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            ServerSocket socket = new ServerSocket(0);
            Thread accepting = new Thread(() -> {
                try {
                    socket.accept();
                } catch (IOException e) {
                    // the process ends first
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            System.out.println("native exit: " + (ProcessExit.nativeExit() != null));
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
            writer.println("last line, unflushed");
            ProcessExit.exit(7, writer);
        }
    }
}
