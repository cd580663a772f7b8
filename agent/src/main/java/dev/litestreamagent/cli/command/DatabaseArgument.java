package dev.litestreamagent.cli.command;

import dev.litestreamagent.settings.Keys;
import java.io.PrintStream;
import java.util.Optional;
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

    /** The configured database named by {@code arg} (alias or path); a directory entry's alias is refused, saying why. */
    static DatabaseRef database(String command, String arg, CliContext context) {
        for (DatabaseRef directory : context.directories()) {
            if (directory.alias().equals(arg)) {
                throw new UsageException(command + ": \"" + arg + "\" is a directory entry (" + Keys.DB_DIR.nameFor(arg)
                        + " = " + directory.path() + "), expected one database file: " + command + " works per file,"
                        + " and Litestream finds a directory entry's files itself" + (command.equals("restore")
                        ? "; restore one of them with its replica URL (the replica's path and the file's path"
                        + " within the directory)" : ""));
            }
        }
        Optional<DatabaseRef> database = context.database(arg); // not orElseThrow's lambda: a cost to status DB
        if (database.isPresent()) {
            return database.get();
        }
        throw new UsageException(command + ": unknown database \"" + arg + "\"; expected an alias ("
                + knownAliases(context) + "), the path of a configured database"
                + (command.equals("verify") ? "" : " or a replica URL"));
    }

    /**
     * One line on {@code err} per directory entry that {@code command}, run on every configured database,
     * leaves out: it works per database file.
     */
    static void noteDirectoriesLeftOut(String command, CliContext context, PrintStream err) {
        for (DatabaseRef directory : context.directories()) {
            err.println("litestream-agent: " + command + ": " + directory.alias() + " (directory " + directory.path()
                    + ") left out: " + command + " works per database file, and Litestream finds a directory"
                    + " entry's files itself");
        }
    }

    private static String knownAliases(CliContext context) {
        return context.databases().isEmpty() ? "none configured"
                : context.databases().stream().map(DatabaseRef::alias).collect(Collectors.joining(", "));
    }
}
