package dev.litestreamagent.cli.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arguments of one of Litestream's commands as the operator typed them (flags before or after
 * the database), checked against the installed version's flags, with the database argument (alias
 * or path) swapped for the path Litestream knows it by, put in the order Litestream reads; every
 * flag passes through untouched.
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

    /** @throws UsageException for a flag the agent owns, a missing value, or a database argument missing, extra or unknown */
    static LitestreamCommandLine of(CommandSpec spec, CliContext context, List<String> args) {
        String command = spec.litestreamCommand(context.dialect());
        LitestreamArgs.Split split = LitestreamArgs.of(command, context.dialect()).split(args);
        List<String> positionals = split.positionals();
        // Litestream's commands that read a config file take -config; the daemon's talk to its socket instead.
        boolean readsConfig = context.dialect().valueFlags(command).contains("config") && spec != CommandSpec.VERSION;
        int most = spec.positional().most();
        if (positionals.size() > most || positionals.size() < spec.positional().least()) {
            throw new UsageException(spec.command() + ": " + expected(spec) + "; seen "
                    + (positionals.isEmpty() ? "none" : describe(positionals))
                    + split.suspectedValueFlag().filter(flag -> positionals.size() > most)
                            .map(flag -> " (if \"" + flag + "\" takes a value, write " + flag + "=VALUE)").orElse(""));
        }
        if (positionals.isEmpty()) {
            return new LitestreamCommandLine(command, split.forLitestream(positionals), null, readsConfig);
        }
        String typed = positionals.get(0);
        List<String> resolved = new ArrayList<>();
        resolved.add(DatabaseArgument.resolve(spec.command(), typed, context));
        // Litestream refuses a replica URL together with -config.
        return new LitestreamCommandLine(command, split.forLitestream(resolved), resolved.get(0),
                readsConfig && !DatabaseArgument.isReplicaUrl(typed));
    }

    private static String expected(CommandSpec spec) {
        switch (spec.positional()) {
            case NONE:
            case EVERY_DATABASE:
                return "takes no arguments besides flags";
            case OPTIONAL_DATABASE:
                return "expected at most one database argument (an alias or the path of a configured database)";
            default:
                return "expected one database argument (an alias, the path of a configured database or a replica URL)"
                        + " besides the flags";
        }
    }

    /** The Litestream subcommand to run (the installed version's name for it). */
    String subcommand() {
        return subcommand;
    }

    /** The arguments to hand Litestream after the subcommand (and the agent's {@code -config}): flags first. */
    List<String> args() {
        return args;
    }

    /** The database argument as handed to Litestream (a path or a replica URL); null when none was given. */
    String database() {
        return database;
    }

    /** Whether Litestream gets the agent's generated config (not for a replica URL, which refuses one). */
    boolean withConfig() {
        return withConfig;
    }

    private static String describe(List<String> positionals) {
        StringBuilder seen = new StringBuilder();
        for (String arg : positionals) {
            seen.append(seen.length() == 0 ? "" : " ").append('"').append(arg).append('"');
        }
        return seen.toString();
    }
}
