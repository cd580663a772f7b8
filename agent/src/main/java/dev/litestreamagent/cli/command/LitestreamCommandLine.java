package dev.litestreamagent.cli.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arguments of one of Litestream's commands as the operator typed them, checked against the
 * installed version's flags, with the database argument (alias or path) swapped for the path
 * Litestream knows it by; every flag passes through untouched.
 */
final class LitestreamCommandLine {
    private final String subcommand;
    private final List<String> args;
    private final String database;
    private final boolean withConfig;

    private LitestreamCommandLine(String subcommand, List<String> args, String database, boolean withConfig) {
        this.subcommand = subcommand;
        this.args = Collections.unmodifiableList(args);
        this.database = database;
        this.withConfig = withConfig;
    }

    /** @throws UsageException for a {@code -config} flag, a missing value, or a database argument missing, extra or unknown */
    static LitestreamCommandLine of(CommandSpec spec, CliContext context, List<String> args) {
        String command = spec.litestreamCommand(context.dialect());
        LitestreamArgs flags = LitestreamArgs.of(command, context.dialect());
        flags.rejectConfigFlag(args);
        List<Integer> positional = flags.positionalIndexes(args);
        if (!spec.takesDatabase()) {
            if (!positional.isEmpty()) {
                throw new UsageException(spec.command() + ": takes no arguments besides flags; seen "
                        + describe(args, positional));
            }
            return new LitestreamCommandLine(command, args, null, spec != CommandSpec.VERSION);
        }
        if (positional.size() != 1) {
            throw new UsageException(spec.command() + ": expected one database argument (an alias, the path"
                    + " of a configured database or a replica URL) after the flags; seen "
                    + (positional.isEmpty() ? "none" : describe(args, positional)));
        }
        int index = positional.get(0);
        String typed = args.get(index);
        List<String> rewritten = new ArrayList<>(args);
        rewritten.set(index, DatabaseArgument.resolve(spec.command(), typed, context));
        // Litestream refuses a replica URL together with -config.
        return new LitestreamCommandLine(command, rewritten, rewritten.get(index), !DatabaseArgument.isReplicaUrl(typed));
    }

    /** The Litestream subcommand to run (the installed version's name for it). */
    String subcommand() {
        return subcommand;
    }

    /** The arguments to hand Litestream after the subcommand (and the agent's {@code -config}). */
    List<String> args() {
        return args;
    }

    /** The database argument as handed to Litestream (a path or a replica URL); null when the command takes none. */
    String database() {
        return database;
    }

    /** Whether Litestream gets the agent's generated config ({@code version} needs none; a replica URL refuses one). */
    boolean withConfig() {
        return withConfig;
    }

    private static String describe(List<String> args, List<Integer> positional) {
        StringBuilder seen = new StringBuilder();
        for (int index : positional) {
            seen.append(seen.length() == 0 ? "" : " ").append('"').append(args.get(index)).append('"');
        }
        return seen.toString();
    }
}
