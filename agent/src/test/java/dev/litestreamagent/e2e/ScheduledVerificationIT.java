package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.agent.verify.ProcLocks;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.TestBinary;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code litestream.verify.interval} in an application on sqlite-jdbc with the real Litestream: the
 * scheduled verification shows in /health, /metrics and JMX; it goes through the application's own
 * SQLite library (one libsqlitejdbc in the process), so a write transaction the application holds
 * makes a round fail cleanly while the application keeps its locks and commits afterwards; an
 * unreachable replica makes it fail with the reason and /readyz answer 503.
 */
@ExtendWith(LitestreamHarness.class)
class ScheduledVerificationIT {
    private static final Pattern OUTCOME = Pattern.compile("\"lastVerify\":\\{\"time\":\"([^\"]+)\",\"outcome\":\"(\\w+)\"");

    @Test
    void verifiesFromInsideTheApplicationThroughItsOwnSqliteAndKeepsItsLocks(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        int port = HealthClient.freePort();
        Files.write(config.properties(), List.of(
                "litestream.health.addr=127.0.0.1:" + port,
                "litestream.verify.interval=2s",
                "litestream.verify.timeout=4s"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path log = harness.tempDir().resolve("app.log");
        Process app = lockHoldingApp(config.agentArgument(), db, log);
        HealthClient health = new HealthClient(port, log);
        try (Writer stdin = app.outputWriter(StandardCharsets.UTF_8)) {
            // In sync: /health, /metrics, JMX.
            HttpResponse<String> inSync = health.await("/health",
                    r -> r.statusCode() == 200 && r.body().contains("\"outcome\":\"in_sync\""));
            assertTrue(inSync.body().contains("\"reason\":\"verification row restored, integrity_check ok\""), inSync.body());
            String metrics = health.get("/metrics").body();
            assertTrue(metrics.contains("litestream_agent_verify_last_success_timestamp_seconds{db=\"app\"} "), metrics);
            assertTrue(metrics.contains("litestream_agent_verify_last_duration_seconds{db=\"app\"} "), metrics);
            assertTrue(Pattern.compile("litestream_agent_verifications_total\\{db=\"app\",outcome=\"in_sync\"} [1-9]")
                    .matcher(metrics).find(), metrics);
            HealthClient.promtoolCheck(metrics);
            String jmx = ask(stdin, "jmx", "JMX ", log);
            assertTrue(jmx.contains("LastVerifyOutcome=in_sync;") && jmx.contains("LastUploadTime=20")
                    && !jmx.contains("LastVerifySuccessTime=null;"), jmx);

            assertEquals(1, sqliteLibraries(app.pid()).size(), "one SQLite library in the application: "
                    + sqliteLibraries(app.pid()));
            ProcessResult status = awaitStatus(harness, r -> r.exitCode() == 0
                    && r.output().lines().anyMatch(l -> l.startsWith("app ") && l.contains(" in_sync ")));
            assertTrue(status.output().contains("agent JVM " + app.pid() + ", Litestream "), status.toString());

            // The application holds a write transaction: the round waits for the lock, gives up, and leaves its locks.
            ask(stdin, "hold", "HELD", log);
            Set<String> held = ProcLocks.writeLocks(app.pid(), db);
            assertFalse(held.isEmpty(), "the application's write transaction shows in /proc/locks");
            String since = lastVerifyTime(health.get("/health").body());
            HttpResponse<String> blocked = health.await("/health", r -> r.statusCode() == 503
                    && r.body().contains("\"outcome\":\"failed\"") && !lastVerifyTime(r.body()).equals(since));
            assertTrue(blocked.body().contains("cannot write the verification row within 4.0 s"), blocked.body());
            assertTrue(ProcLocks.writeLocks(app.pid(), db).containsAll(held), "the application lost its locks: before " + held
                    + ", now " + ProcLocks.writeLocks(app.pid(), db));
            ask(stdin, "release", "RELEASED", log);
            health.await("/health", r -> r.statusCode() == 200 && r.body().contains("\"outcome\":\"in_sync\""));

            // The replica goes away: the round fails with the reason, /readyz says 503.
            Path replica = harness.tempDir().resolve("replica");
            Files.move(replica, harness.tempDir().resolve("replica-moved"));
            Files.writeString(replica, "not a directory");
            HttpResponse<String> unreachable = health.await("/readyz",
                    r -> r.statusCode() == 503 && r.body().contains("\"outcome\":\"failed\""));
            assertTrue(unreachable.body().contains("\"reason\":\"replica unreachable: "), unreachable.body());
            assertTrue(unreachable.body().contains("app: the verification at "), unreachable.body());
            String failedMetrics = health.get("/metrics").body();
            assertTrue(Pattern.compile("litestream_agent_verifications_total\\{db=\"app\",outcome=\"failed\"} [1-9]")
                    .matcher(failedMetrics).find(), failedMetrics);
            assertTrue(ask(stdin, "jmx", "JMX ", log).contains("LastVerifyOutcome=failed;"));
            ProcessResult failed = awaitStatus(harness, r -> r.exitCode() == 1
                    && r.output().lines().anyMatch(l -> l.startsWith("app ") && l.contains(" failed ")));
            assertTrue(failed.output().contains("app: last verify: replica unreachable: "), failed.toString());

            assertEquals(1, sqliteLibraries(app.pid()).size(), "still one SQLite library: " + sqliteLibraries(app.pid()));
            Files.delete(replica); // back for the final sync
            Files.move(harness.tempDir().resolve("replica-moved"), replica);
            stdin.write("exit\n");
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the application exits");
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application:\n"
                + Files.readString(log));
        assertTrue(Files.readString(log).contains("Verifying each database every 2s"), Files.readString(log));
    }

    @Test
    void aDatabaseWithAFileAndAnS3ReplicaIsVerifiedOnEachAndTheUnreachableOneIsNamed(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        int port = HealthClient.freePort();
        List<String> properties = new ArrayList<>(List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs.app.url=jdbc:sqlite:" + db,
                "litestream.dbs.app.replicas.file.type=file",
                "litestream.dbs.app.replicas.file.path=" + harness.tempDir().resolve("replica"),
                "litestream.health.addr=127.0.0.1:" + port,
                "litestream.verify.interval=2s",
                "litestream.verify.timeout=4s"));
        properties.addAll(harness.s3ReplicaProperties("litestream.dbs.app.replicas.s3.", "app"));
        Path config = harness.tempDir().resolve("litestream.properties");
        Files.write(config, properties, StandardCharsets.UTF_8);
        Path log = harness.tempDir().resolve("app.log");
        Process app = lockHoldingApp("config=" + config, db, log);
        HealthClient health = new HealthClient(port, log);
        try (Writer stdin = app.outputWriter(StandardCharsets.UTF_8)) {
            HttpResponse<String> inSync = health.await("/health", r -> r.statusCode() == 200
                    && r.body().contains("\"reason\":\"every replica in sync (file, s3): "));
            assertTrue(inSync.body().contains("\"replicas\":[{\"name\":\"file\",") && inSync.body().contains(
                    "{\"name\":\"s3\","), inSync.body());
            String metrics = health.get("/metrics").body();
            assertTrue(metrics.contains("litestream_agent_verify_replica_in_sync{db=\"app\",replica=\"s3\"} 1\n"), metrics);
            HealthClient.promtoolCheck(metrics);

            harness.s3().pause();
            try {
                HttpResponse<String> failed = health.await("/health", r -> r.statusCode() == 503
                        && r.body().contains("replica s3 failed; s3: "));
                assertTrue(failed.body().contains("\"outcome\":\"failed\""), failed.body());
                assertTrue(Pattern.compile("\\{\"name\":\"s3\",\"time\":\"[^\"]+\",\"outcome\":\"failed\"")
                        .matcher(failed.body()).find(), "the s3 replica's own entry: " + failed.body());
                String failedMetrics = health.get("/metrics").body();
                assertTrue(failedMetrics.contains("litestream_agent_verify_replica_in_sync{db=\"app\",replica=\"s3\"} 0\n"),
                        failedMetrics);
                HealthClient.promtoolCheck(failedMetrics);
                String jmx = ask(stdin, "jmx", "JMX ", log);
                assertTrue(jmx.contains("LastVerifyOutcome=failed;") && jmx.contains("replica s3 failed"), jmx);
                ProcessResult status = awaitStatus(harness, r -> r.exitCode() == 1
                        && r.output().contains("app: last verify: ") && r.output().contains("replica s3 failed"));
                assertTrue(status.output().lines().anyMatch(l -> l.startsWith("app ") && l.contains(" failed ")),
                        status.toString());
            } finally {
                harness.s3().resume();
            }
            health.await("/health", r -> r.statusCode() == 200
                    && r.body().contains("\"reason\":\"every replica in sync (file, s3): "));
            stdin.write("exit\n");
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the application exits");
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application:\n"
                + Files.readString(log));
    }

    /** {@link LockHoldingApp} on {@code db} (alias app) under the agent, its output into {@code log}. */
    private static Process lockHoldingApp(String agentArgument, Path db, Path log) throws Exception {
        return new ProcessBuilder(TestBinary.java().toString(), "-javaagent:" + AgentProcess.agentJar() + "=" + agentArgument,
                "-cp", codeSource(LockHoldingApp.class) + File.pathSeparator + codeSource(org.sqlite.JDBC.class),
                LockHoldingApp.class.getName(), db.toString(), "app")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The CLI's {@code status app} (the configuration in the test's folder), once it matches. */
    private static ProcessResult awaitStatus(Harness harness, java.util.function.Predicate<ProcessResult> expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> AgentProcess.cli(harness.tempDir(), Map.of(), "status", "app"), expected);
    }

    /** Sends a command and waits for the application's line starting with {@code answer}; that line. */
    private static String ask(Writer stdin, String command, String answer, Path log) throws Exception {
        long before = Files.readAllLines(log).stream().filter(l -> l.startsWith(answer)).count();
        stdin.write(command + "\n");
        stdin.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith(answer)).collect(Collectors.toList());
            if (lines.size() > before) {
                return lines.get(lines.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + answer + " after " + command + ":\n" + Files.readString(log));
    }

    private static String lastVerifyTime(String json) {
        Matcher m = OUTCOME.matcher(json);
        return m.find() ? m.group(1) : "";
    }

    /** The distinct native SQLite JDBC libraries mapped into the process. */
    private static Set<String> sqliteLibraries(long pid) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.contains("sqlitejdbc")).collect(Collectors.toSet());
        }
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
