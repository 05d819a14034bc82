package dev.fanout.local.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Keeps the command's stdout for its own output. The functions' jar carries a Lambda logging configuration
 * (JSON lines on stdout) and their metrics are EMF lines printed on stdout, as Lambda wants; here both go to a
 * log file under the data folder instead. Call before the first logger is created, after taking the command
 * line's writers (picocli creates them on first use from {@code System.out}).
 */
final class LocalLogging {
    private LocalLogging() {
    }

    /** @param consoleLevel the least level also shown on stderr, e.g. "WARN", or "OFF" */
    static void configure(Path logFile, String consoleLevel) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "fanout-local-log4j2.xml");
        }
        System.setProperty("fanout.log.file", logFile.toAbsolutePath().toString());
        System.setProperty("fanout.log.console", consoleLevel);
        try {
            System.setOut(new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + logFile, e);
        }
    }
}
