package dev.litestreamagent.cli.command;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.settings.Durations;
import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import java.time.Duration;
import java.util.List;

/** The help screens: every command with one line, or one command in detail. */
public final class Help {
    public static final String LAUNCH = "java -jar litestream-agent.jar";
    /** The help topic that lists the configuration keys: error messages about keys point here. */
    static final String KEYS = "keys";

    private Help() {
    }

    /** All commands; {@code context} is null when the configuration could not be loaded ({@code problem}). */
    static String overview(CliContext context, String problem) {
        StringBuilder text = new StringBuilder("Usage: ").append(LAUNCH).append(" <command> [arguments]\n\nCommands:\n");
        Dialect installed = context == null || context.binaryProblem().isPresent() ? null : context.dialect();
        for (CommandSpec spec : CommandSpec.values()) {
            text.append("  ").append(column(spec.command(), 17)).append(' ').append(spec.summary());
            if (!spec.availability().isEmpty()) {
                text.append(" [").append(spec.availability())
                        .append(installed != null && !spec.availableOn(installed)
                                ? ", not in the installed " + installed.version() : "")
                        .append(']');
            }
            text.append('\n');
        }
        text.append("  ").append(column("--version", 17))
                .append(" the agent's version, the Litestream it runs (and where from), the Java version\n");
        text.append("\nDB is a database alias, or the path of a configured database; replica URLs (s3://...) and\n"
                + "Litestream's own flags pass through unchanged, before or after DB (-flag=value always works).\n"
                + "Exit codes: Litestream's own for its commands; verify 0 in sync, 1 not; status 0 every database\n"
                + "replicated and healthy, 1 not; 2 usage or configuration error.\n"
                + "Run '" + LAUNCH + " help <command>' for one command, '" + LAUNCH + " help " + KEYS
                + "' for the configuration keys.\n\n");
        text.append(environment(context, problem));
        return text.toString();
    }

    /** Every configuration key with its environment variable, default and one line: the jar's own key reference. */
    static String keys() {
        StringBuilder text = new StringBuilder("Configuration keys (litestream.properties, -D<key>=..., or the"
                + " environment variable), highest precedence first: agent argument, -D, environment, file.\n");
        appendKeys(text, Keys.topLevel(), false);
        appendKeys(text, Keys.database(), true);
        text.append("  ").append(Keys.DBS).append("<alias>.").append(Keys.REPLICA).append("<option>\n      the database's"
                + " replica: type (s3, file, ...) and Litestream's options for that type\n  ").append(Keys.DEFAULT_REPLICA)
                .append("<option>\n      options added to every default (S3) replica\n");
        return text.toString();
    }

    private static void appendKeys(StringBuilder text, List<Key<?>> keys, boolean perDatabase) {
        for (Key<?> key : keys) {
            text.append("  ").append(perDatabase ? key.nameFor("<alias>") : key.name())
                    .append(key.defaultValue() == null ? "" : " (default " + display(key.defaultValue()) + ")")
                    .append("  ").append(key.envName()).append("\n      ").append(key.doc()).append('\n');
        }
    }

    private static String display(Object value) {
        return value instanceof Duration ? Durations.format((Duration) value) : value.toString();
    }

    static String command(CommandSpec spec, CliContext context, String problem) {
        StringBuilder text = new StringBuilder("Usage: ").append(LAUNCH).append(' ').append(spec.command());
        if (!spec.synopsis().isEmpty()) {
            text.append(' ').append(spec.synopsis());
        }
        text.append("\n\n  ").append(spec.summary()).append(".\n");
        if (!spec.availability().isEmpty()) {
            text.append("  Exists in ").append(spec.availability()).append(".\n");
        }
        if (spec.passesFlags()) {
            String name = installed(context) ? spec.litestreamCommand(context.dialect()) : spec.command();
            text.append("  Flags are Litestream's own, passed through unchanged, before or after DB: see '")
                    .append(installed(context) ? context.binary().toString() : "litestream")
                    .append(' ').append(name).append(" -h'. -config is the agent's (see the config command).\n");
        }
        if (spec == CommandSpec.VERIFY) {
            text.append("  The deadline comes from the agent's configuration").append(context == null ? ""
                    : " (now " + context.verifyTimeout().toMillis() / 1000.0 + " s)")
                    .append("; --json prints one JSON object per database.\n");
        }
        if (spec == CommandSpec.STATUS) {
            text.append("  Reads each database's state directory: who holds its replicator lock, and the status the\n"
                    + "  agent running it rewrites there (no setting needed). No DB: every configured database.\n"
                    + "  Exit 0 when every one is replicated and healthy (what the agent's /health would say),\n"
                    + "  1 when one is not replicated, its agent's status is stale, or the agent reports a problem.\n"
                    + "  --json prints one JSON document with the agent's figures as it wrote them.\n");
        }
        return text.append('\n').append(environment(context, problem)).toString();
    }

    private static boolean installed(CliContext context) {
        return context != null && !context.binaryProblem().isPresent();
    }

    private static String environment(CliContext context, String problem) {
        if (context == null) {
            return "Configuration: not loaded: " + problem + "\n";
        }
        StringBuilder text = new StringBuilder("Litestream: ").append(installed(context)
                        ? context.version() + " at " + context.binary() : "none found: " + context.binaryProblem().get())
                .append("\nConfiguration: ").append(context.configSources()).append("\nDatabases:");
        if (context.nothingConfigured()) {
            text.append(" none configured");
        }
        for (DatabaseRef db : context.databases()) {
            text.append("\n  ").append(column(db.alias(), 12)).append(' ').append(db.path());
        }
        for (DatabaseRef db : context.directories()) {
            text.append("\n  ").append(String.format("%-12s %s (directory: replicate only)", db.alias(), db.path()));
        }
        return text.append('\n').toString();
    }

    /** {@code text} left-aligned in {@code width} columns, as {@code %-<width>s} (String.format's parser is a cold JVM's cost). */
    private static String column(String text, int width) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }
}
