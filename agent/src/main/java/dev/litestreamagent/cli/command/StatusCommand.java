package dev.litestreamagent.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code status [--json] [DB...]}: who replicates each database (every configured one when none is
 * named) and the running agent's figures, read from the state directories. Exit 0 when every one is
 * replicated and healthy, 1 otherwise.
 */
final class StatusCommand implements Command {
    private final Tools tools;

    StatusCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) throws IOException {
        // Reads state directories only: no binary needed, so it also works where Litestream is not installed.
        CliContext context = tools.loader().loadWithoutBinary();
        boolean json = false;
        Set<DatabaseRef> databases = new LinkedHashSet<>();
        for (String arg : args) {
            if ("--json".equals(arg)) {
                json = true;
            } else if (arg.startsWith("-")) {
                throw new UsageException("status: unknown flag \"" + arg + "\"; expected --json");
            } else {
                databases.add(DatabaseArgument.database("status", arg, context));
            }
        }
        if (databases.isEmpty()) {
            databases.addAll(context.databases());
            DatabaseArgument.noteDirectoriesLeftOut("status", context, tools.err());
        }
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("status: " + context.noDatabaseReason());
        }
        List<DatabaseStatus> statuses = new ArrayList<>();
        for (DatabaseRef database : databases) {
            statuses.add(DatabaseStatus.read(database, tools.clock().now()));
        }
        tools.out().print(json ? StatusReport.json(statuses) : StatusReport.text(statuses));
        tools.out().flush();
        return DatabaseStatus.allHealthy(statuses) ? OK : FAILURE;
    }
}
