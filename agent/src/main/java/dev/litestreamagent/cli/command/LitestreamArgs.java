package dev.litestreamagent.cli.command;

import dev.litestreamagent.dialect.Dialect;
import java.util.ArrayList;
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

    private LitestreamArgs(String command, Set<String> valueFlags) {
        this.command = command;
        this.valueFlags = valueFlags;
    }

    /** {@code command}, a Litestream subcommand, with the flags the dialect says take a value. */
    static LitestreamArgs of(String command, Dialect dialect) {
        return new LitestreamArgs(command, dialect.valueFlags(command));
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
