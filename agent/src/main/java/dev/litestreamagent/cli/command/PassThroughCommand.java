package dev.litestreamagent.cli.command;

import java.io.IOException;
import java.util.List;

/**
 * Litestream's own commands that the agent only passes on (databases, generations, snapshots, wal,
 * ltx, version): flags pass through unchanged, the database argument becomes the configured path,
 * and Litestream's exit code is the CLI's. One class for all of them: they differ only in their
 * {@link CommandSpec} entry and the dialect's flag table.
 */
final class PassThroughCommand implements Command {
    private final CommandSpec spec;
    private final Tools tools;

    PassThroughCommand(CommandSpec spec, Tools tools) {
        this.spec = spec;
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) throws IOException, InterruptedException {
        CliContext context = tools.context(spec);
        LitestreamCommandLine line = LitestreamCommandLine.of(spec, context, args);
        return spec == CommandSpec.VERSION ? tools.runner(context).runPlain(line.subcommand(), line.args())
                : tools.runner(context).run(line.subcommand(), line.args(), line.withConfig(), false);
    }
}
