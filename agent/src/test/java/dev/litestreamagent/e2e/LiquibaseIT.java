package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Soak;
import dev.litestreamagent.testing.Sqlite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Liquibase application (XML changelog, two changesets) under the agent: its update works on
 * every first start of a new database, runs no changeset twice on a restart or a fresh machine,
 * and every reading it acknowledged is in the replica.
 */
@ExtendWith(LitestreamHarness.class)
class LiquibaseIT {
    private static final String DB = "readings";
    private static final int FIRST_STARTS = Soak.repeats(3, 10);
    /** The SQLite error at the end of a failed update's cause chain, e.g. {@code [SQLITE_BUSY_SNAPSHOT] ...}. */
    private static final Pattern SQLITE_ERROR = Pattern.compile("(?m)^Caused by: org\\.sqlite\\.SQLiteException: (.*)$");

    @Test
    void everyFirstStartUpdatesTheNewDatabase(Harness harness) throws Exception {
        FirstStarts.assertEveryOneClean("liquibase-example", FIRST_STARTS, number -> {
            Deployment machine = Deployment.create(harness, harness.tempDir().resolve("start-" + number), List.of(DB));
            ProcessResult app = runApp(machine, List.of(), 5);
            AppReport report = AppReport.of(app.output());
            List<String> problems = new ArrayList<>();
            if (app.exitCode() != 0) {
                Matcher why = SQLITE_ERROR.matcher(app.output());
                problems.add("exit " + app.exitCode() + (why.find() ? " (" + why.group(1) + ")" : ""));
            }
            if (!Integer.valueOf(0).equals(report.fresh().get(DB))) {
                problems.add("schema objects in the new database before the update: " + report.fresh().get(DB));
            }
            if (!"ran=2 total=2".equals(report.migrated().get(DB))) {
                problems.add("update: " + report.migrated().get(DB));
            }
            if (problems.isEmpty()) {
                machine.replicaMismatch(DB, "readings", report.acks(DB)).ifPresent(problems::add);
            }
            return new FirstStarts.Outcome(app, problems);
        });
    }

    @Test
    void aRestartAndAFreshMachineRunNoChangesetAgainAndKeepEveryReading(Harness harness) throws Exception {
        Deployment machine = Deployment.create(harness, harness.tempDir().resolve("machine"), List.of(DB));

        ProcessResult first = runApp(machine, List.of(), 20);
        AppReport firstReport = assertStarted(first, "first start", "ran=2 total=2");
        assertEquals(0, firstReport.fresh().get(DB), "first start: the application's new database had schema objects:\n"
                + first.output());

        ProcessResult restart = runApp(machine, List.of(), 10);
        AppReport restartReport = assertStarted(restart, "restart", "ran=0 total=2");
        assertTrue(restartReport.fresh().get(DB) > 0, "restart: the application did not find its tables:\n" + restart.output());

        machine.loseDatabases();
        ProcessResult fresh = runApp(machine, List.of("-Dlitestream.restore-on-start=true"), 5);
        AppReport freshReport = assertStarted(fresh, "fresh machine", "ran=0 total=2");
        assertTrue(freshReport.fresh().get(DB) > 0, "fresh machine: the application did not find its tables:\n" + fresh.output());

        SortedSet<Long> acked = new TreeSet<>(firstReport.acks(DB));
        acked.addAll(restartReport.acks(DB));
        acked.addAll(freshReport.acks(DB));
        assertEquals(35, acked.size(), "rows acknowledged by the three starts");
        Path db = machine.db(DB);
        assertEquals(acked, Deployment.longs(db, "SELECT id FROM readings"), "readings after the fresh machine's start");
        assertEquals(2, Sqlite.queryInt(db, "SELECT count(*) FROM DATABASECHANGELOG"), "changesets recorded");
        assertEquals(acked, Deployment.longs(machine.restoreWithCli(DB), "SELECT id FROM readings"),
                "readings in the replica (restored with the CLI)");
    }

    private static ProcessResult runApp(Deployment machine, List<String> jvmArgs, int rows) throws Exception {
        return machine.run(jvmArgs, AgentProcess.exampleJar("liquibase", "liquibase-example.jar"),
                "--db=" + machine.db(DB), "--rows=" + rows, "--interval-ms=10");
    }

    private static AppReport assertStarted(ProcessResult app, String what, String migrated) {
        assertEquals(0, app.exitCode(), what + ":\n" + app.output());
        AppReport report = AppReport.of(app.output());
        assertEquals(migrated, report.migrated().get(DB), what + ":\n" + app.output());
        return report;
    }
}
