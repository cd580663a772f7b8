package dev.litestreamagent.cli;

import dev.litestreamagent.config.LitestreamVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the positional arguments of a Litestream subcommand the way Go's {@code flag} package
 * does, so that the database argument can be swapped for a path while every flag passes through
 * untouched. Only the flags that take a value must be known (from Litestream's own flag sets);
 * any other flag is taken as a boolean, and {@code -flag=value} always works.
 */
final class LitestreamArgs {
    private final String command;
    private final Set<String> valueFlags;

    private LitestreamArgs(String command, String... valueFlags) {
        this.command = command;
        this.valueFlags = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(valueFlags)));
    }

    /** The value-taking flags of {@code command} in the installed version (v0.3.13 and v0.5.x sources). */
    static LitestreamArgs of(String command, LitestreamVersion version) {
        boolean v05 = version.isV05OrLater();
        switch (command) {
            case "restore":
                return v05
                        ? new LitestreamArgs(command, "config", "o", "txid", "timestamp", "parallelism",
                                "follow-interval", "integrity-check", "exec")
                        : new LitestreamArgs(command, "config", "o", "replica", "generation", "index", "timestamp",
                                "parallelism");
            case "replicate":
                return v05
                        ? new LitestreamArgs(command, "config", "exec", "log-level")
                        : new LitestreamArgs(command, "config", "exec");
            case "wal":
                return v05 ? new LitestreamArgs(command, "config", "replica")
                        : new LitestreamArgs(command, "config", "replica", "generation");
            case "generations":
            case "snapshots":
            case "ltx":
                return new LitestreamArgs(command, "config", "replica");
            default:
                return new LitestreamArgs(command, "config");
        }
    }

    /**
     * Indexes of the positional arguments in {@code args} (everything after the flags).
     *
     * @throws UsageException when the last flag takes a value and has none (Litestream would say only
     *         "flag needs an argument", after the agent had already resolved the database)
     */
    List<Integer> positionalIndexes(List<String> args) {
        int first = firstPositional(args);
        if (first > args.size()) {
            throw new UsageException(command + ": flag \"" + args.get(args.size() - 1) + "\" needs a value");
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = first; i < args.size(); i++) {
            positions.add(i);
        }
        return positions;
    }

    /** Where the positional arguments start, the way Go's flag package reads; past the end when a value is missing. */
    private int firstPositional(List<String> args) {
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if ("--".equals(arg)) {
                return i + 1;
            }
            if (!arg.startsWith("-") || "-".equals(arg)) {
                return i;
            }
            i += !arg.contains("=") && valueFlags.contains(flagName(arg)) ? 2 : 1;
        }
        return i;
    }

    /** The agent hands Litestream its own generated config: a {@code -config} from the operator is a mistake. */
    void rejectConfigFlag(List<String> args) {
        int end = Math.min(firstPositional(args), args.size());
        for (int i = 0; i < end; i++) {
            String arg = args.get(i);
            if (arg.startsWith("-") && "config".equals(flagName(arg))) {
                throw new UsageException(command + ": -config is not accepted (seen \"" + arg
                        + "\"); the agent generates Litestream's config from its own configuration"
                        + " (show it with the config command)");
            }
        }
    }

    private static String flagName(String arg) {
        String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = name.indexOf('=');
        return eq < 0 ? name : name.substring(0, eq);
    }
}
