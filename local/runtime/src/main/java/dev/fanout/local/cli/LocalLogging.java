package dev.fanout.local.cli;

import java.nio.file.Path;

/**
 * Points log4j at the command line's configuration (a log file under the data folder) before the first logger
 * is created; the functions' jar carries a Lambda configuration (JSON lines on stdout) that would mix with the
 * command's output.
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
    }
}
