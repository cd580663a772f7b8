package dev.litestreamagent.cli;

import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.verify.JdbcSentinelStore;
import dev.litestreamagent.verify.Verifier;
import dev.litestreamagent.verify.VerifyResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
final class VerifyCommand {
    /** Each verification runs a restore process at a time; more at once would only compete for the machine. */
    private static final int MAX_PARALLEL = 4;

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
        Verifier verifier = new Verifier(this::restore, new JdbcSentinelStore(sqlite.get()), clock, context.verifyTimeout());
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
                out.println(json ? result.toJson() : result.toText());
                out.flush();
                inSync &= result.outcome() == VerifyResult.Outcome.IN_SYNC;
            }
            return inSync ? Cli.OK : Cli.FAILURE;
        } finally {
            pool.shutdownNow();
        }
    }

    private RunResult restore(Path database, Path output, Duration timeout) throws IOException, InterruptedException {
        return runner.capture("restore", Arrays.asList("-o", output.toString(), database.toString()), timeout);
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
