package dev.fanout.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fanout asl ...}: the Amazon States Language engine on its own. */
@Command(name = "asl",
        mixinStandardHelpOptions = true,
        description = "Runs Amazon States Language definitions with the local engine.",
        subcommands = {
                AslRunCommand.class,
                AslTestStateCommand.class,
        })
final class AslCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
