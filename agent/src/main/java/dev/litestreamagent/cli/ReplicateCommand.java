package dev.litestreamagent.cli;

import java.io.IOException;
import java.util.List;

/** {@code replicate [-exec "CMD"] [flags]}: every configured database, as the single replicator. */
final class ReplicateCommand {
    private final CliContext context;
    private final LitestreamRunner runner;

    ReplicateCommand(CliContext context, LitestreamRunner runner) {
        this.context = context;
        this.runner = runner;
    }

    int run(List<String> args) throws IOException, InterruptedException {
        LitestreamArgs flags = LitestreamArgs.of("replicate", context.dialect());
        flags.rejectConfigFlag(args);
        List<Integer> positional = flags.positionalIndexes(args);
        if (!positional.isEmpty()) {
            throw new UsageException("replicate: the single-database form (replicate DB REPLICA_URL) is not"
                    + " supported, seen \"" + String.join(" ", args.subList(positional.get(0), args.size()))
                    + "\"; configure the database in the agent's configuration and run replicate with flags"
                    + " only (e.g. replicate -exec \"CMD\")");
        }
        try (CliContext.ReplicatorClaim claim = context.claimReplicator()) {
            return runner.run("replicate", args, true, false);
        }
    }
}
