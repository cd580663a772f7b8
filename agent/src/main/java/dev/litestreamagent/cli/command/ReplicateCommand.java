package dev.litestreamagent.cli.command;

import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.util.List;

/** {@code replicate [-exec "CMD"] [flags]}: every configured database, as the single replicator. */
final class ReplicateCommand implements Command {
    private final Tools tools;

    ReplicateCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) throws IOException, InterruptedException {
        CliContext context = tools.context(CommandSpec.REPLICATE);
        if (!context.replicationEnabled()) {
            throw new IllegalArgumentException("replicate: " + Keys.ENABLED.name() + " is false (" + context.configSources()
                    .replace('\n', ';') + "): replication is off in this configuration, for the agent and this"
                    + " command alike; remove the setting or set it to true to replicate");
        }
        LitestreamArgs.Split split = LitestreamArgs.of("replicate", context.dialect()).split(args);
        if (!split.positionals().isEmpty()) {
            throw new UsageException("replicate: the single-database form (replicate DB REPLICA_URL) is not"
                    + " supported, seen \"" + String.join(" ", split.positionals())
                    + "\"; configure the database in the agent's configuration and run replicate with flags"
                    + " only (e.g. replicate -exec \"CMD\")");
        }
        try (CliContext.ReplicatorClaim claim = context.claimReplicator()) {
            return tools.runner(context).run("replicate",
                    ExecWithoutSecrets.apply(split.flags(), context.childEnvironment().keySet()), true, false);
        }
    }
}
