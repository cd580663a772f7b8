package dev.litestreamagent.cli;

import dev.litestreamagent.supervisor.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code verify [--json] DB... | --all}: exit 0 when every database is in sync, 1 otherwise. */
final class VerifyCommand {
    private final CliContext context;
    private final LitestreamRunner runner;
    private final Cli.SqliteSource sqlite;
    private final Clock clock;
    private final PrintStream out;

    VerifyCommand(CliContext context, LitestreamRunner runner, Cli.SqliteSource sqlite, Clock clock, PrintStream out) {
        this.context = context;
        this.runner = runner;
        this.sqlite = sqlite;
        this.clock = clock;
        this.out = out;
    }

    int run(List<String> args) throws IOException, InterruptedException {
        boolean json = false;
        boolean all = false;
        List<DatabaseRef> databases = new ArrayList<>();
        for (String arg : args) {
            if ("--json".equals(arg)) {
                json = true;
            } else if ("--all".equals(arg)) {
                all = true;
            } else if (arg.startsWith("-")) {
                throw new UsageException("verify: unknown flag \"" + arg + "\"; expected --json or --all");
            } else {
                databases.add(DatabaseArgument.database("verify", arg, context));
            }
        }
        if (all && !databases.isEmpty()) {
            throw new UsageException("verify: give database aliases or --all, not both; seen --all and "
                    + databases.size() + " database(s)");
        }
        if (all) {
            databases.addAll(context.databases());
        }
        if (databases.isEmpty()) {
            throw new UsageException("verify: expected a database alias or --all; seen "
                    + (all ? "--all, but no database is configured" : "none"));
        }
        // SQLite is loaded only once the command line is known to be right.
        Verifier verifier = new Verifier(context, runner, sqlite.get(), clock);
        boolean inSync = true;
        for (DatabaseRef database : databases) {
            VerifyResult result = verifier.verify(database);
            out.println(json ? result.toJson() : result.toText());
            out.flush();
            inSync &= result.status() == VerifyResult.Status.IN_SYNC;
        }
        return inSync ? Cli.OK : Cli.FAILURE;
    }
}
