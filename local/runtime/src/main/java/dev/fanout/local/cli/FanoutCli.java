package dev.fanout.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fanout} command line; {@code ./fanout} at the repository root runs it.
 *
 * <pre>{@code
 * ./fanout asl run my-machine.asl.json --input input.json
 * }</pre>
 *
 * A new subcommand is one more class in {@code subcommands}.
 */
@Command(name = "fanout",
        mixinStandardHelpOptions = true,
        versionProvider = FanoutCli.Version.class,
        description = "Runs the fanout pipeline and its state machines on this machine.",
        subcommands = {
                AslCommand.class,
                RunCommand.class,
                ServeCommand.class,
                RedriveCommand.class,
        })
public final class FanoutCli implements Runnable {
    /** Exit code for bad usage and for definitions Step Functions would reject. */
    static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        ProcessExit.exit(code, cli.getOut(), cli.getErr());
    }

    /** The command line as {@code main} runs it: usage errors are one line on stderr, exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FanoutCli());
        // An argument starting with @ is ours (--items @file.json), not a picocli argument file: picocli would split
        // the file's JSON at whitespace into words. The top-level parser expands @-files for every subcommand, so
        // this is set here, for the whole command line.
        cli.setExpandAtFiles(false);
        CommandLine run = cli.getSubcommands().get("run");
        JobsJarOption.addHelpSection(run, ((RunCommand) run.getCommand()).jobsJar());
        CommandLine serve = cli.getSubcommands().get("serve");
        JobsJarOption.addHelpSection(serve, ((ServeCommand) serve.getCommand()).jobsJar());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("fanout: " + e.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FanoutCli.class.getPackage().getImplementationVersion();
            return new String[] {"fanout " + (version == null ? "(development build)" : version)};
        }
    }
}
