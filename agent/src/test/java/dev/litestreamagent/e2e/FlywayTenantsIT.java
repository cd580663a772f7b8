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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plain Flyway with its default settings (no baseline on migrate) migrating 20 new tenant
 * databases one after another under the agent: the application sees each database as new and
 * every migration runs, on every first start; a restart and a fresh machine re-run none.
 */
@ExtendWith(LitestreamHarness.class)
class FlywayTenantsIT {
    private static final int TENANTS = 20;
    private static final int FIRST_STARTS = Soak.repeats(3, 10);
    private static final List<String> NAMES = IntStream.rangeClosed(1, TENANTS)
            .mapToObj(i -> String.format("tenant-%02d", i)).collect(Collectors.toList());

    @Test
    void everyFirstStartMigratesEveryNewTenantDatabase(Harness harness) throws Exception {
        FirstStarts.assertEveryOneClean("flyway-tenants", FIRST_STARTS, number -> {
            Deployment machine = Deployment.create(harness, harness.tempDir().resolve("start-" + number), NAMES);
            ProcessResult app = runApp(machine, List.of(), "--rows=2");
            List<String> problems = firstStartProblems(app);
            if (problems.isEmpty()) {
                problems.addAll(rowsMissingFromReplicas(machine, AppReport.of(app.output())));
            }
            return new FirstStarts.Outcome(app, problems);
        });
    }

    @Test
    void aRestartAndAFreshMachineRunNoMigrationAgainAndKeepEveryRow(Harness harness) throws Exception {
        Deployment machine = Deployment.create(harness, harness.tempDir().resolve("machine"), NAMES);
        ProcessResult first = runApp(machine, List.of(), "--rows=3");
        assertEquals(List.of(), firstStartProblems(first), first.output());

        ProcessResult restart = runApp(machine, List.of(), "--rows=2");
        assertUpToDate(restart, "restart");

        machine.loseDatabases();
        ProcessResult fresh = runApp(machine, List.of("-Dlitestream.restore-on-start=true"), "--rows=1");
        assertUpToDate(fresh, "fresh machine");

        List<AppReport> runs = List.of(AppReport.of(first.output()), AppReport.of(restart.output()), AppReport.of(fresh.output()));
        for (String tenant : NAMES) {
            SortedSet<Long> acked = new TreeSet<>();
            runs.forEach(run -> acked.addAll(run.acks(tenant)));
            Path db = machine.db(tenant);
            assertEquals(acked, Deployment.longs(db, "SELECT id FROM orders"), tenant + ": orders after the fresh machine's start");
            assertEquals(new TreeSet<>(List.of(1L, 2L, 3L)),
                    Deployment.longs(db, "SELECT version FROM flyway_schema_history WHERE success = 1"), tenant + ": versions applied");
            assertEquals(3, Sqlite.queryInt(db, "SELECT count(*) FROM flyway_schema_history"), tenant + ": schema history rows");
            assertEquals(3, Sqlite.queryInt(db, "SELECT count(*) FROM plans"), tenant + ": V3's seed rows");
            assertEquals(acked, Deployment.longs(machine.restoreWithCli(tenant), "SELECT id FROM orders"),
                    tenant + ": orders in the replica (restored with the CLI)");
        }
    }

    private static ProcessResult runApp(Deployment machine, List<String> jvmArgs, String... args) throws Exception {
        List<String> appArgs = new ArrayList<>(List.of("--tenants=" + TENANTS, "--dir=" + machine.data()));
        appArgs.addAll(List.of(args));
        return machine.run(jvmArgs, AgentProcess.exampleJar("flyway-tenants"), appArgs.toArray(String[]::new));
    }

    /** What a user would see go wrong on a first start: an exit, a tenant that did not look new, a migration not run. */
    private static List<String> firstStartProblems(ProcessResult app) {
        AppReport report = AppReport.of(app.output());
        List<String> problems = new ArrayList<>();
        if (app.exitCode() != 0) {
            problems.add("exit " + app.exitCode());
        }
        if (!report.failed().isEmpty()) {
            problems.add(report.failed().size() + " tenants failed to migrate " + report.failed().keySet() + ", why (how many): "
                    + report.failed().values().stream().collect(Collectors.groupingBy(why -> why, Collectors.counting())));
        }
        List<String> notNew = NAMES.stream().filter(t -> !Integer.valueOf(0).equals(report.fresh().get(t)))
                .map(t -> t + "=" + report.fresh().get(t)).collect(Collectors.toList());
        if (!notNew.isEmpty()) {
            problems.add("tenants whose new database had schema objects before the migration: " + notNew);
        }
        long migrated = NAMES.stream().filter(t -> "applied=3 version=3".equals(report.migrated().get(t))).count();
        if (migrated != TENANTS) {
            problems.add(migrated + " of " + TENANTS + " tenants migrated to version 3");
        }
        return problems;
    }

    /** The ACKed rows of every tenant are in its replica (20 restores per start). */
    private static List<String> rowsMissingFromReplicas(Deployment machine, AppReport report) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tenant : NAMES) {
            machine.replicaMismatch(tenant, "orders", report.acks(tenant)).ifPresent(missing::add);
        }
        return missing;
    }

    private static void assertUpToDate(ProcessResult app, String what) {
        AppReport report = AppReport.of(app.output());
        assertEquals(0, app.exitCode(), what + ":\n" + app.output());
        for (String tenant : NAMES) {
            assertEquals("applied=0 version=3", report.migrated().get(tenant), what + ", " + tenant + ":\n" + app.output());
            // Its 2 tables, 2 indexes and Flyway's history (3 objects); Litestream's 2 tables may be there too by now.
            assertTrue(report.fresh().getOrDefault(tenant, 0) >= 7, what + ", " + tenant
                    + ": the application did not find its tables before it migrated:\n" + app.output());
        }
        assertEquals(TENANTS, app.output().split("Schema \"main\" is up to date", -1).length - 1,
                what + ": Flyway said so for every tenant");
        assertTrue(report.ackCount() > 0, what + ": no order was written");
    }
}
