package dev.litestreamagent.cli.command;

import dev.litestreamagent.dialect.Dialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits the arguments of a Litestream subcommand into flags and positional arguments, with flags
 * before or after the positionals as argparse allows (Go's {@code flag} package, which Litestream
 * uses, stops at the first positional: the agent hands them over flags first). Only the flags that
 * take a value must be known (the dialect's table, from Litestream's own flag sets); any other flag
 * is taken as a boolean, {@code -flag=value} always works, and {@code --} ends the flags.
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
     * The flags and positionals of {@code args}.
     *
     * @throws UsageException when a flag that takes a value has none (Litestream would say only "flag needs
     *         an argument", after the agent had resolved the database), or for a flag the agent owns
     *         ({@code -config}, {@code -no-expand-env})
     */
    Split split(List<String> args) {
        List<String> flags = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        String suspect = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ("--".equals(arg)) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || "-".equals(arg)) {
                positionals.add(arg);
                continue;
            }
            rejectAgentsFlag(arg);
            flags.add(arg);
            if (arg.contains("=")) {
                continue;
            }
            if (valueFlags.contains(flagName(arg))) {
                if (i + 1 == args.size()) {
                    throw new UsageException(command + ": flag \"" + arg + "\" needs a value");
                }
                flags.add(args.get(++i));
            } else if (suspect == null && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                suspect = arg;
            }
        }
        return new Split(flags, positionals, suspect);
    }

    /** The agent hands Litestream its own generated config, which needs its variables expanded. */
    private void rejectAgentsFlag(String arg) {
        String name = flagName(arg);
        if ("config".equals(name)) {
            throw new UsageException(command + ": -config is not accepted (seen \"" + arg
                    + "\"); the agent generates Litestream's config from its own configuration"
                    + " (show it with the config command)");
        }
        if ("no-expand-env".equals(name) && valueFlags.contains("config")) {
            throw new UsageException(command + ": -no-expand-env is not accepted (seen \"" + arg + "\"); the config"
                    + " the agent generates names its secrets as ${LSA_...} variables (and the default replica's bucket"
                    + " as $LITESTREAM_REPLICA_BUCKET), which Litestream would then read literally");
        }
    }

    private static String flagName(String arg) {
        String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = name.indexOf('=');
        return eq < 0 ? name : name.substring(0, eq);
    }

    /** The flags in the order given, each followed by its value when it takes one; then the positionals. */
    static final class Split {
        private final List<String> flags;
        private final List<String> positionals;
        private final String suspect;

        private Split(List<String> flags, List<String> positionals, String suspect) {
            this.flags = Collections.unmodifiableList(flags);
            this.positionals = Collections.unmodifiableList(positionals);
            this.suspect = suspect;
        }

        List<String> flags() {
            return flags;
        }

        List<String> positionals() {
            return positionals;
        }

        /**
         * The first flag taken as a boolean although a word followed it: when there are too many
         * positionals, it may be a flag whose value the agent does not know about.
         */
        Optional<String> suspectedValueFlag() {
            return Optional.ofNullable(suspect);
        }

        /**
         * As Go's flag package reads them: flags first, then {@code --} when a positional looks like a flag.
         * A loop, not a stream: every short command passes here, and a stream's lambda costs it milliseconds cold.
         */
        List<String> forLitestream(List<String> positionalsToPass) {
            List<String> line = new ArrayList<>(flags);
            for (String arg : positionalsToPass) {
                if (arg.startsWith("-") && !"-".equals(arg)) {
                    line.add("--");
                    break;
                }
            }
            line.addAll(positionalsToPass);
            return line;
        }
    }
}
