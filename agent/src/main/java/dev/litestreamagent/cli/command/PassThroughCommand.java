package dev.litestreamagent.cli.command;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Litestream's own commands that the agent only passes on (databases, generations, snapshots, wal,
 * ltx, version): flags pass through unchanged, the database argument becomes the configured path,
 * and Litestream's exit code is the CLI's; {@code version} and {@code databases} print what Litestream would
 * when that is known without running it. One class for all of them: they differ only in their
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
        Optional<String> known = line.args().isEmpty() ? known(context) : Optional.empty();
        if (known.isPresent()) {
            tools.out().print(known.get());
            tools.out().flush();
            return OK;
        }
        return spec == CommandSpec.VERSION ? tools.runner(context).runPlain(line.subcommand(), line.args())
                : tools.runner(context).run(line.subcommand(), line.args(), line.withConfig(), false);
    }

    /**
     * What Litestream would print, when the agent already knows it exactly: a spawn and a Go runtime start are
     * most of these commands' time. With any flag Litestream runs, as it may print something else.
     */
    private Optional<String> known(CliContext context) {
        switch (spec) {
            case VERSION:
                return context.versionOutput();
            case DATABASES:
                return context.databasesListing();
            default:
                return Optional.empty();
        }
    }
}
