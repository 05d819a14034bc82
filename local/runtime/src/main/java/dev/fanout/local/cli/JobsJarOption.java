package dev.fanout.local.cli;

import dev.fanout.local.runtime.JobJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --jobs-jar JAR} of {@code fanout run} and {@code fanout serve}: job types from jars built against
 * {@code fanout-core} ({@link JobJars}), and the "Job types:" section of their {@code --help}, which lists the
 * built-in ones and the jars'.
 */
final class JobsJarOption {
    private static final String SECTION = "jobTypes";

    @Option(names = "--jobs-jar", paramLabel = "JAR", description = {"A jar of your own job types, built against "
            + "fanout-core: its META-INF/services/dev.fanout.core.job.Job names them. Repeatable: the jars form one "
            + "class path (a job may use a library in another jar)."})
    private List<Path> jars = new ArrayList<>();

    /** The built-in job types and the jars'; {@link JobJars.UnusableJobsJar} says what is wrong with a jar. */
    JobJars load() {
        return JobJars.load(jars, JobsJarOption.class.getClassLoader());
    }

    /** Adds the "Job types:" section after the options of {@code command}'s help, from the jars given with it. */
    static void addHelpSection(CommandLine command, JobsJarOption option) {
        command.getHelpSectionMap().put(SECTION, help -> option.helpSection(help.commandSpec().usageMessage().width()));
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, SECTION);
        command.setHelpSectionKeys(keys);
    }

    private String helpSection(int width) {
        String types;
        try {
            types = load().describe();
        } catch (RuntimeException e) {
            types = JobJars.none(JobsJarOption.class.getClassLoader()).describe() + " (" + e.getMessage() + ")";
        }
        return "%nJob types (--job):%n".formatted() + wrap(types, width, "  ");
    }

    /** Word-wrapped to {@code width} columns, each line indented. */
    static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).append(System.lineSeparator()).toString();
    }
}
