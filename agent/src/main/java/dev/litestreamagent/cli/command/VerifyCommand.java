package dev.litestreamagent.cli.command;

import dev.litestreamagent.verify.JdbcSentinelStore;
import dev.litestreamagent.verify.RestoreRunner;
import dev.litestreamagent.verify.Verifier;
import dev.litestreamagent.verify.VerifyResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code verify [--json] DB... | --all}: exit 0 when every database is in sync, 1 otherwise.
 * Several databases are verified at once (most of a verification is waiting for the replica),
 * their results printed in the order given.
 */
final class VerifyCommand implements Command {
    /** Each verification runs a restore process at a time; more at once would only compete for the machine. */
    private static final int MAX_PARALLEL = 4;

    private final Tools tools;

    VerifyCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) throws IOException, InterruptedException {
        CliContext context = tools.context(CommandSpec.VERIFY);
        boolean json = false;
        boolean all = false;
        // A database named twice (alias and path, or the same alias) is verified once.
        Set<DatabaseRef> databases = new LinkedHashSet<>();
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
        Verifier verifier = new Verifier(restoreWith(tools.runner(context)),
                new JdbcSentinelStore(tools.sqlite().get()), tools.clock(), context.verifyTimeout());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(databases.size(), MAX_PARALLEL), task -> {
            Thread thread = new Thread(task, "litestream-agent-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<VerifyResult>> results = new ArrayList<>();
            for (DatabaseRef database : databases) {
                results.add(pool.submit(() -> verifier.verify(database.alias(), database.path(),
                        () -> context.replicatorRunning(database))));
            }
            boolean inSync = true;
            for (Future<VerifyResult> pending : results) {
                VerifyResult result = await(pending);
                tools.out().println(json ? result.toJson() : result.toText());
                tools.out().flush();
                inSync &= result.outcome() == VerifyResult.Outcome.IN_SYNC;
            }
            return inSync ? OK : FAILURE;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RestoreRunner restoreWith(LitestreamRunner runner) {
        return (database, output, timeout) -> runner.capture("restore",
                Arrays.asList("-o", output.toString(), database.toString()), timeout);
    }

    /** The result, or what failed in the worker thread as if it had failed here. */
    private static VerifyResult await(Future<VerifyResult> pending) throws InterruptedException {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("verify failed: " + cause, cause);
        }
    }
}
