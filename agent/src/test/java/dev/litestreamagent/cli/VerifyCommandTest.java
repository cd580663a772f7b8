package dev.litestreamagent.cli;

import dev.litestreamagent.cli.command.Command;
import dev.litestreamagent.cli.command.DatabaseRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.Sqlite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify through the CLI: the restore command line, the isolated SQLite, and several databases at once. */
class VerifyCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(FakeContext context, ProcessLauncher launcher, String... args) {
        return new Cli(() -> context, launcher, new FakeClock(), IsolatedSqlite::shared, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true)).run(args);
    }

    private static FakeContext contextWith(Path... databases) {
        FakeContext context = new FakeContext("v0.3.13");
        context.databases.clear();
        for (Path db : databases) {
            context.databases.add(new DatabaseRef(db.getFileName().toString().replace(".db", ""), db));
        }
        return context;
    }

    @Test
    void restoresWithTheGeneratedConfigIntoAPrivateDirectoryRemovedAfterwards(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        RecordingLauncher launcher = new RecordingLauncher();
        launcher.captured = new FinishedChild(1, "some log line\ncannot fetch generations: connection refused\n");

        assertEquals(Command.FAILURE, run(contextWith(db), launcher, "verify", "app"));

        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("app: failed after 3.00 s: replica unreachable: all 5"
                + " restores failed; last: exit 1: cannot fetch generations: connection refused (" + db + ")"), out.toString());
        List<String> restore = launcher.lastArgs();
        assertEquals(List.of("restore", "-config", "CONFIG", "-o"), restore.subList(1, 5));
        assertTrue(restore.get(5).contains("litestream-verify-"), restore.toString());
        assertEquals(db.toString(), restore.get(6));
        assertTrue(Files.notExists(Path.of(restore.get(5)).getParent()), "verify's work directory was left behind");
        assertEquals(List.of("rw-------"), launcher.configPermissions.subList(0, 1));
    }

    @Test
    void allVerifiesTheDatabasesAtOnceAndPrintsThemInOrder(@TempDir Path dir) throws Exception {
        Path[] dbs = {Sqlite.create(dir.resolve("a.db")), Sqlite.create(dir.resolve("b.db")), Sqlite.create(dir.resolve("c.db"))};
        CountDownLatch allRestoring = new CountDownLatch(dbs.length);
        ProcessLauncher restoreWhenAllAreRestoring = spec -> {
            if (spec.output().kind() != Output.Kind.CAPTURED) {
                throw new AssertionError("verify only captures");
            }
            List<String> command = spec.command();
            allRestoring.countDown();
            try {
                if (!allRestoring.await(20, TimeUnit.SECONDS)) {
                    return new FinishedChild(1, "the databases were verified one after another");
                }
                Path live = Path.of(command.get(command.size() - 1));
                try (Connection c = Sqlite.open(live); Statement s = c.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                Files.copy(live, Path.of(command.get(command.indexOf("-o") + 1)));
                return new FinishedChild(0, "");
            } catch (InterruptedException | java.sql.SQLException e) {
                throw new IOException(e);
            }
        };

        assertEquals(Command.OK, run(contextWith(dbs), restoreWhenAllAreRestoring, "verify", "--all"), out.toString());

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        for (int i = 0; i < dbs.length; i++) {
            assertTrue(lines.get(i).startsWith("abc".charAt(i) + ": in sync after "), lines.toString());
        }
    }

    @Test
    void aDatabaseNamedTwiceIsVerifiedOnce(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        RecordingLauncher launcher = new RecordingLauncher();

        assertEquals(Command.FAILURE, run(contextWith(db), launcher, "verify", "app", "app", db.toString()));

        assertEquals(1, out.toString(StandardCharsets.UTF_8).lines().count(), out.toString());
    }

    /** A launcher whose restore copies the live database (so verify is in sync), recording each -replica asked for. */
    private static ProcessLauncher copyingRestore(List<String> replicas) {
        return spec -> {
            List<String> command = spec.command();
            int replica = command.indexOf("-replica");
            synchronized (replicas) {
                replicas.add(replica < 0 ? "(none)" : command.get(replica + 1));
            }
            Path live = Path.of(command.get(command.size() - 1));
            try (Connection c = Sqlite.open(live); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
            Files.copy(live, Path.of(command.get(command.indexOf("-o") + 1)));
            return new FinishedChild(0, "");
        };
    }

    @Test
    void aDatabaseWithSeveralReplicasIsVerifiedOnEachOrOnTheOneNamed(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        FakeContext context = new FakeContext("v0.3.13");
        context.databases.clear();
        context.databases.add(new DatabaseRef("app", db, List.of("local", "s3")));
        List<String> replicas = new java.util.ArrayList<>();

        assertEquals(Command.OK, run(context, copyingRestore(replicas), "verify", "app"), out.toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("app, replica local: in sync after "), lines.toString());
        assertTrue(lines.get(1).startsWith("app, replica s3: in sync after "), lines.toString());
        assertEquals(List.of("local", "s3"), replicas);

        out.reset();
        replicas.clear();
        assertEquals(Command.OK, run(context, copyingRestore(replicas), "verify", "--json", "-replica", "s3", "app"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("{\"database\":\"app\",\"replica\":\"s3\","),
                out.toString());
        assertEquals(List.of("s3"), replicas);

        out.reset();
        assertEquals(Command.USAGE, run(context, copyingRestore(replicas), "verify", "-replica", "gcs", "app"));
    }

    @Test
    void aDatabaseWithOneReplicaIsRestoredWithoutReplicaFlag(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        List<String> replicas = new java.util.ArrayList<>();

        assertEquals(Command.OK, run(contextWith(db), copyingRestore(replicas), "verify", "app"), out.toString());

        assertEquals(List.of("(none)"), replicas);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("app: in sync after "), out.toString());
    }
}
