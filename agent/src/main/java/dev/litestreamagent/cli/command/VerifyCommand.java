package dev.litestreamagent.cli.command;

import dev.litestreamagent.verify.EachReplica;
import dev.litestreamagent.verify.JdbcSentinelStore;
import dev.litestreamagent.verify.RestoreRunner;
import dev.litestreamagent.verify.Verifier;
import dev.litestreamagent.verify.VerifyResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code verify [--json] [-replica NAME] DB... | --all}: exit 0 when every database is in sync, 1 otherwise.
 * Several databases are verified at once (most of a verification is waiting for the replica),
 * their results printed in the order given. A database with several replicas is verified on each of
 * them in turn ({@link EachReplica}), or on the one {@code -replica} names.
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
        String replica = null;
        // A database named twice (alias and path, or the same alias) is verified once.
        Set<DatabaseRef> databases = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ("--json".equals(arg)) {
                json = true;
            } else if ("--all".equals(arg)) {
                all = true;
            } else if ("-replica".equals(arg) || "--replica".equals(arg)) {
                if (i + 1 == args.size()) {
                    throw new UsageException("verify: " + arg + " needs a replica name after it");
                }
                replica = args.get(++i);
            } else if (arg.startsWith("-")) {
                throw new UsageException("verify: unknown flag \"" + arg + "\"; expected --json, --all or -replica NAME");
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
            DatabaseArgument.noteDirectoriesLeftOut("verify", context, tools.err());
        }
        if (databases.isEmpty()) {
            throw new UsageException("verify: expected a database alias or --all; seen "
                    + (all ? "--all, but no database is configured" : "none"));
        }
        Map<DatabaseRef, List<String>> replicas = new LinkedHashMap<>();
        for (DatabaseRef database : databases) {
            replicas.put(database, replicasToVerify(database, replica));
        }
        // SQLite is loaded only once the command line is known to be right.
        JdbcSentinelStore sentinels = new JdbcSentinelStore(tools.sqlite().get());
        LitestreamRunner runner = tools.runner(context);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(databases.size(), MAX_PARALLEL), task -> {
            Thread thread = new Thread(task, "litestream-agent-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<VerifyResult>>> results = new ArrayList<>();
            for (DatabaseRef database : databases) {
                results.add(pool.submit(() -> EachReplica.verify(replicas.get(database),
                        name -> new Verifier(restoreWith(runner, name), sentinels, tools.clock(), context.verifyTimeout(),
                                context.replicaWatch(database, name)),
                        database.alias(), database.path(), () -> context.replicatorRunning(database))));
            }
            boolean inSync = true;
            for (Future<List<VerifyResult>> pending : results) {
                for (VerifyResult result : await(pending)) {
                    tools.out().println(json ? result.toJson() : result.toText());
                    inSync &= result.outcome() == VerifyResult.Outcome.IN_SYNC;
                }
                tools.out().flush();
            }
            return inSync ? OK : FAILURE;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The replicas to verify the database on: {@code named} alone, each of several, or {@code ""} for its one
     * replica (restored without {@code -replica}).
     */
    private static List<String> replicasToVerify(DatabaseRef database, String named) {
        List<String> names = database.replicaNames();
        if (named == null) {
            return EachReplica.of(names);
        }
        if (!names.contains(named)) {
            throw new UsageException("verify: " + database.alias() + " has no replica named \"" + named + "\"; "
                    + (names.isEmpty() ? "its one replica has no name" : "its replicas: " + String.join(", ", names)));
        }
        return Collections.singletonList(named);
    }

    /** {@code restore -o OUT DB}, with {@code -replica NAME} unless {@code replica} is empty. */
    private static RestoreRunner restoreWith(LitestreamRunner runner, String replica) {
        return (database, output, timeout) -> runner.capture("restore", RestoreRunner.arguments(replica, output, database),
                timeout);
    }

    /** The results, or what failed in the worker thread as if it had failed here. */
    private static List<VerifyResult> await(Future<List<VerifyResult>> pending) throws InterruptedException {
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
