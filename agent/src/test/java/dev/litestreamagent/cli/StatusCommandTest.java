package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.cli.command.DatabaseRef;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.supervisor.lock.DatabaseLock;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import dev.litestreamagent.supervisor.lock.StatusFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status over real state directories: the lock held in this JVM stands for a live replicator, this JVM's
 * pid for a live agent, a finished process's pid for a dead one.
 */
class StatusCommandTest {
    private static final long SELF = ProcessHandle.current().pid();
    private static final ProcessLauncher NO_LITESTREAM = spec -> {
        throw new AssertionError("status runs no Litestream: " + spec);
    };

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<DatabaseLock> locks = new ArrayList<>();
    private final Instant written = Instant.now();
    private Instant now = written.plusSeconds(2);

    @AfterEach
    void release() throws IOException {
        for (DatabaseLock lock : locks) {
            lock.close();
        }
    }

    private int run(FakeContext context, String... args) {
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public Instant now() {
                return now;
            }

            @Override
            public void sleep(Duration duration) {
                throw new AssertionError("status never sleeps");
            }
        };
        return new Cli(() -> context, NO_LITESTREAM, clock, () -> {
            throw new AssertionError("status loads no SQLite");
        }, new PrintStream(out, true), new PrintStream(err, true)).run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private FakeContext context(String... aliases) {
        FakeContext context = new FakeContext("v0.3.13");
        context.databases.clear();
        for (String alias : aliases) {
            context.databases.add(new DatabaseRef(alias, dir.resolve(alias + ".db")));
        }
        return context;
    }

    private void lock(String alias, String holder) throws IOException {
        locks.add(DatabaseLock.tryAcquire(StateDirectory.of(dir.resolve(alias + ".db")), holder).get());
    }

    /** The agent's document as {@code HealthJson} writes it, for database {@code alias}. */
    private void document(String alias, long agentPid, String status, String state, String lastError, String extra)
            throws IOException {
        StateDirectory state0 = StateDirectory.of(dir.resolve(alias + ".db")).create();
        String problems = status.equals("ok") ? "[]" : "[\"Litestream exited and is restarted after a delay\"]";
        new StatusFile(state0).write("{\"status\":\"" + status + "\",\"problems\":" + problems + ",\"state\":\"" + state
                + "\",\"pid\":4242,\"restarts\":3,\"resyncs\":1,\"lastExitCode\":null,\"lastError\":"
                + (lastError == null ? "null" : "\"" + lastError + "\"") + ",\"agentPid\":" + agentPid
                + ",\"takenAt\":\"" + written + "\",\"databases\":[{\"alias\":\"" + alias + "\",\"path\":\""
                + dir.resolve(alias + ".db") + "\",\"replicating\":true,\"lastUpload\":\"" + written.minusMillis(1500)
                + "\",\"lastUploadAgeSeconds\":1.500" + extra + "}]}\n");
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    @Test
    void aLiveHealthyAgentGivesItsFiguresAndExitZero() throws Exception {
        lock("app", "litestream-agent supervisor 'app' in process " + SELF);
        document("app", SELF, "ok", "RUNNING", null, ",\"lastVerify\":{\"time\":\"" + written.minusSeconds(178)
                + "\",\"outcome\":\"in_sync\",\"durationSeconds\":1.100,\"reason\":\"row seen\"}");

        assertEquals(0, run(context("app"), "status"), output());
        List<String> lines = output().lines().collect(Collectors.toList());
        assertEquals(2, lines.size(), output());
        assertTrue(lines.get(0).matches("DB +STATE +REPLICATOR +LAST UPLOAD +RESTARTS +RESYNCS +LAST VERIFY"), output());
        assertTrue(lines.get(1).matches("app +RUNNING +agent JVM " + SELF + ", Litestream 4242 +3\\.5 s ago +3 +1 +in_sync 3 min ago"),
                output());
    }

    @Test
    void aFailingReplicaOfSeveralIsNamedInTheVerifyNote() throws Exception {
        lock("app", "litestream-agent supervisor 'app' in process " + SELF);
        String reason = "replica file in sync, replica s3 failed; s3: replica unreachable: all 7 restores failed";
        document("app", SELF, "unavailable", "RUNNING", null, ",\"lastVerify\":{\"time\":\"" + written.minusSeconds(60)
                + "\",\"outcome\":\"failed\",\"durationSeconds\":2.500,\"reason\":\"" + reason + "\",\"lastSuccess\":null,"
                + "\"replicas\":[{\"name\":\"file\",\"outcome\":\"in_sync\"},{\"name\":\"s3\",\"outcome\":\"failed\"}]}");

        assertEquals(1, run(context("app"), "status"), output());
        assertTrue(output().lines().anyMatch(l -> l.matches("app +RUNNING +agent JVM .* +failed 62 s ago")), output());
        assertTrue(output().contains("app: last verify: " + reason + "\n"), output());
    }

    @Test
    void jsonPassesTheAgentsDocumentOnIncludingFiguresThisCommandDoesNotKnow() throws Exception {
        lock("app", "litestream-agent supervisor 'app' in process " + SELF);
        document("app", SELF, "ok", "RUNNING", null, ",\"futureFigure\":{\"n\":7}");

        assertEquals(0, run(context("app"), "status", "--json"), output());
        String json = output();
        assertTrue(json.startsWith("{\"healthy\":true,\"databases\":[{\"alias\":\"app\",\"path\":\"" + dir.resolve("app.db")
                + "\",\"healthy\":true,\"source\":\"live\",\"state\":\"RUNNING\","), json);
        assertTrue(json.contains("\"agentPid\":" + SELF + ",\"litestreamPid\":4242,\"lastUploadAgeSeconds\":3.5,"), json);
        assertTrue(json.contains("\"agent\":{\"status\":\"ok\",\"problems\":[],\"state\":\"RUNNING\""), json);
        assertTrue(json.contains("\"futureFigure\":{\"n\":7}"), json);
        assertTrue(json.endsWith("}]}\n") && json.lines().count() == 1, json);
    }

    @Test
    void anUnhealthyAgentExitsOneWithItsLastErrorAndProblemsAndNoTerminalEscapes() throws Exception {
        lock("app", "litestream-agent supervisor 'app' in process " + SELF);
        document("app", SELF, "unavailable", "BACKOFF", "Litestream exited unexpectedly\\u001b[2J with code 1", "");

        assertEquals(1, run(context("app"), "status"), output());
        assertTrue(output().lines().anyMatch(l -> l.matches("app +BACKOFF +agent JVM .*")), output());
        assertTrue(output().contains("app: last error: Litestream exited unexpectedly?[2J with code 1\n"), output());
        assertTrue(output().contains("app: unhealthy: Litestream exited and is restarted after a delay\n"), output());
    }

    @Test
    void anAgentThatStoppedWritingIsStale() throws Exception {
        lock("app", "litestream-agent supervisor 'app' in process " + SELF);
        document("app", SELF, "ok", "RUNNING", null, "");
        now = written.plus(StatusFile.STALE_AFTER).plusSeconds(5);

        assertEquals(1, run(context("app"), "status"), output());
        assertTrue(output().lines().anyMatch(l -> l.matches("app +STALE +agent JVM " + SELF + " +- +- +- +-")), output());
        assertTrue(output().contains("app: the agent (JVM " + SELF + ") holds the lock, but last wrote its status at "
                + written + " (35 s ago)"), output());
    }

    @Test
    void aKilledAgentLeavesNoReplicatorAndItsLastStatusIsOnlyHistory() throws Exception {
        document("app", deadPid(), "ok", "RUNNING", null, "");

        assertEquals(1, run(context("app"), "status"), output());
        assertTrue(output().lines().anyMatch(l -> l.matches("app +NOT REPLICATING +none +- +- +- +-")), output());
        assertTrue(output().contains("app: nothing replicates " + dir.resolve("app.db")
                + " (no process holds its lock); the agent's last status was written at " + written), output());

        out.reset();
        assertEquals(1, run(context("app"), "status", "--json"), output());
        assertTrue(output().contains("\"healthy\":false,\"source\":\"none\",\"state\":\"NOT REPLICATING\",\"holder\":null"),
                output());
    }

    @Test
    void aReplicatorWithoutFiguresIsNamedFromItsLock() throws Exception {
        lock("app", "litestream-agent CLI replicate in process 777");
        document("app", deadPid(), "unavailable", "BACKOFF", "old", ""); // a dead agent's: not this replicator's

        assertEquals(0, run(context("app"), "status"), output());
        assertTrue(output().lines().anyMatch(l -> l.matches("app +REPLICATING +litestream-agent CLI replicate in process 777"
                + " +- +- +- +-")), output());
        assertTrue(output().contains("app: replicated by litestream-agent CLI replicate in process 777; only an agent"),
                output());
        assertFalse(output().contains("old"), output());
    }

    @Test
    void namedDatabasesOnlyInTheOrderGivenAndOneBadOneMakesExitOne() throws Exception {
        lock("app", "litestream-agent supervisor 'app' in process " + SELF);
        document("app", SELF, "ok", "RUNNING", null, "");
        FakeContext context = context("app", "cache", "other");

        assertEquals(1, run(context, "status", "cache", dir.resolve("app.db").toString(), "app"), output());
        List<String> rows = output().lines().skip(1).map(l -> l.split(" ")[0]).limit(2).collect(Collectors.toList());
        assertEquals(List.of("cache", "app"), rows, output());
        assertFalse(output().contains("other"), output());

        out.reset();
        assertEquals(0, run(context, "status", "app"), output());
    }

    @Test
    void usageErrorsExitTwoNamingTheArgument() {
        assertEquals(2, run(context("app"), "status", "--all"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("status: unknown flag \"--all\"; expected --json"), err.toString());
        assertEquals(2, run(context("app"), "status", "nosuch"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("status: unknown database \"nosuch\"; expected an alias (app)"),
                err.toString());
        assertEquals(2, run(context(), "status"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("status: no database configured (litestream.dbs.<alias>.path or .url) in: "), err.toString());
    }

    @Test
    void helpSaysWhatTheExitCodesMean() {
        assertEquals(0, run(context("app"), "help", "status"));
        assertTrue(output().startsWith("Usage: java -jar litestream-agent.jar status [--json] [DB...]\n"), output());
        assertTrue(output().contains("Exit 0 when every one is replicated and healthy"), output());
        out.reset();
        assertEquals(0, run(context("app"), "help"));
        assertTrue(output().contains("\n  status "), output());
    }
}
