package dev.litestreamagent.cli.command;

import java.util.stream.Collectors;

/** Turns the database argument an operator typed into what Litestream expects. */
final class DatabaseArgument {
    private DatabaseArgument() {
    }

    static boolean isReplicaUrl(String arg) {
        return arg.contains("://");
    }

    /** A replica URL untouched; an alias or configured path as the database's absolute path. */
    static String resolve(String command, String arg, CliContext context) {
        if (isReplicaUrl(arg)) {
            return arg;
        }
        return database(command, arg, context).path().toString();
    }

    /** The configured database named by {@code arg} (alias or path). */
    static DatabaseRef database(String command, String arg, CliContext context) {
        return context.database(arg).orElseThrow(() -> new UsageException(command + ": unknown database \""
                + arg + "\"; expected an alias (" + knownAliases(context) + "), the path of a configured"
                + " database" + (command.equals("verify") ? "" : " or a replica URL")));
    }

    private static String knownAliases(CliContext context) {
        return context.databases().isEmpty() ? "none configured"
                : context.databases().stream().map(DatabaseRef::alias).collect(Collectors.joining(", "));
    }
}
