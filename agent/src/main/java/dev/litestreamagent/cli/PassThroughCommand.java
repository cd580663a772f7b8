package dev.litestreamagent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Litestream's own commands (databases, generations, snapshots, wal, ltx, restore, version):
 * flags pass through unchanged, the database argument becomes the configured path, and
 * Litestream's exit code is the CLI's.
 */
final class PassThroughCommand {
    private final CommandSpec spec;
    private final CliContext context;
    private final LitestreamRunner runner;

    PassThroughCommand(CommandSpec spec, CliContext context, LitestreamRunner runner) {
        this.spec = spec;
        this.context = context;
        this.runner = runner;
    }

    int run(List<String> args) throws IOException, InterruptedException {
        String command = spec.litestreamCommand(context.dialect());
        LitestreamArgs flags = LitestreamArgs.of(command, context.dialect());
        flags.rejectConfigFlag(args);
        List<Integer> positional = flags.positionalIndexes(args);
        List<String> rewritten = new ArrayList<>(args);
        boolean withConfig = spec != CommandSpec.VERSION;
        if (spec.takesDatabase()) {
            if (positional.size() != 1) {
                throw new UsageException(spec.command() + ": expected one database argument (an alias, the path"
                        + " of a configured database or a replica URL) after the flags; seen "
                        + (positional.isEmpty() ? "none" : describe(args, positional)));
            }
            int index = positional.get(0);
            String database = args.get(index);
            rewritten.set(index, DatabaseArgument.resolve(spec.command(), database, context));
            // Litestream refuses a replica URL together with -config.
            withConfig = !DatabaseArgument.isReplicaUrl(database);
        } else if (!positional.isEmpty()) {
            throw new UsageException(spec.command() + ": takes no arguments besides flags; seen "
                    + describe(args, positional));
        }
        // restore's output is only Litestream's log lines (0.3 writes them on stdout): stdout stays for results.
        int exit = runner.run(command, rewritten, withConfig, spec == CommandSpec.RESTORE);
        if (spec == CommandSpec.RESTORE) {
            removeRestoreLeftovers(rewritten, positional);
        }
        return exit;
    }

    /** Litestream 0.3 leaves {@code <output>.tmp-shm} and {@code <output>.tmp-wal} beside a restored file. */
    private static void removeRestoreLeftovers(List<String> args, List<Integer> positional) throws IOException {
        String output = positional.isEmpty() ? null : args.get(positional.get(0));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-o") || arg.equals("--o")) && i + 1 < args.size()) {
                output = args.get(i + 1);
            } else if (arg.startsWith("-o=") || arg.startsWith("--o=")) {
                output = arg.substring(arg.indexOf('=') + 1);
            }
        }
        if (output == null || DatabaseArgument.isReplicaUrl(output)) {
            return;
        }
        Files.deleteIfExists(Paths.get(output + ".tmp-shm"));
        Files.deleteIfExists(Paths.get(output + ".tmp-wal"));
    }

    private static String describe(List<String> args, List<Integer> positional) {
        StringBuilder seen = new StringBuilder();
        for (int index : positional) {
            seen.append(seen.length() == 0 ? "" : " ").append('"').append(args.get(index)).append('"');
        }
        return seen.toString();
    }
}
