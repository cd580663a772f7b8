package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built jar as the operator's CLI, reading ./litestream.properties like the agent. */
@ExtendWith(LitestreamHarness.class)
class CliJarIT {

    @Test
    void versionPrintsTheInstalledLitestream(Harness harness) throws Exception {
        ProcessResult version = AgentProcess.cli(harness.tempDir(),
                Map.of("LITESTREAM_AGENT_BIN_PATH", harness.binary().toString()), "version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.output().trim().startsWith("v0.3.13"), version.toString());
    }

    @Test
    void restoresByAliasWhatTheAgentReplicated(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        ProcessResult app = ProcessResult.run(AgentProcess.appUnderAgent(null, List.of(),
                AgentProcess.exampleJar("event-log"), "--url", "jdbc:sqlite:" + db, "--events", "15", "--interval-ms", "20"),
                Map.of(), harness.tempDir(), 120);
        assertEquals(0, app.exitCode(), app.toString());
        assertTrue(Files.exists(config.properties()));

        ProcessResult databases = AgentProcess.cli(harness.tempDir(), Map.of(), "databases");
        assertEquals(0, databases.exitCode(), databases.toString());
        assertTrue(databases.output().contains(db.toString()), databases.toString());

        ProcessResult restore = AgentProcess.cli(harness.tempDir(), Map.of(), "restore", "-o", "restored.db", "app");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(15, Sqlite.count(harness.tempDir().resolve("restored.db")));
        assertFalse(Files.exists(harness.tempDir().resolve("restored.db.tmp-wal")), "restore leftovers");

        ProcessResult again = AgentProcess.cli(harness.tempDir(), Map.of(), "restore", "-o", "restored.db", "app");
        assertTrue(again.exitCode() != 0, "restoring onto an existing file must fail, and say so:\n" + again);

        ProcessResult unknown = AgentProcess.cli(harness.tempDir(), Map.of(), "restore", "nosuch");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.output().contains("nosuch") && unknown.output().contains("app"), unknown.toString());
    }

    @Test
    void verifyFindsTheAgentsReplicatorAndProvesTheBackupCurrent(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig.write(harness, "app", db);
        Path appLog = harness.tempDir().resolve("app.log");
        Process app = new ProcessBuilder(AgentProcess.appUnderAgent(null, List.of(), AgentProcess.exampleJar("event-log"),
                "--url", "jdbc:sqlite:" + db, "--events", "400", "--interval-ms", "20"))
                .directory(harness.tempDir().toFile()).redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> new String(Files.readAllBytes(appLog), StandardCharsets.UTF_8).contains("Replicating app"));

            ProcessResult verify = AgentProcess.cli(harness.tempDir(), Map.of(), "verify", "app");
            assertEquals(0, verify.exitCode(), verify.toString());
            assertTrue(verify.output().contains("in sync"), verify.toString());
            assertFalse(verify.output().contains("no replicator"), verify.toString());
        } finally {
            app.destroy();
            assertTrue(app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the application did not stop");
        }
        ProcessResult stopped = AgentProcess.cli(harness.tempDir(), Map.of("LITESTREAM_AGENT_VERIFY_TIMEOUT", "2s"),
                "verify", "app");
        assertEquals(1, stopped.exitCode(), stopped.toString());
        assertTrue(stopped.output().contains("no replicator is running for app"), stopped.toString());
    }

    @Test
    void configShowsReferencesNeverSecrets(Harness harness) throws Exception {
        String secret = "canary-secret-" + System.nanoTime();
        Files.write(harness.tempDir().resolve("litestream.properties"), List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs.main.url=jdbc:sqlite:" + harness.tempDir().resolve("main.db"),
                "litestream.dbs.main.replica.type=s3",
                "litestream.dbs.main.replica.bucket=b",
                "litestream.dbs.main.replica.secret-access-key=" + secret,
                "litestream.dbs.other.path=other.db"), StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("LITESTREAM_SECRET_ACCESS_KEY", secret + "-env",
                "LITESTREAM_ACCESS_KEY_ID", secret + "-id", "LITESTREAM_REPLICA_BUCKET", "bucket");

        ProcessResult config = AgentProcess.cli(harness.tempDir(), env, "config");
        assertEquals(0, config.exitCode(), config.toString());
        assertTrue(config.output().contains("replicas:"), "0.3 needs a replicas list:\n" + config.output());
        assertTrue(config.output().contains("$LITESTREAM_SECRET_ACCESS_KEY"), config.output());
        assertFalse(config.output().contains(secret), "a secret was printed:\n" + config.output());

        ProcessResult help = AgentProcess.cli(harness.tempDir(), env, "help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.output().contains("verify") && help.output().contains("litestream.properties"), help.output());
        assertFalse(help.output().contains(secret), help.output());
    }

    @Test
    void aBrokenConfigurationExitsTwoNamingTheKey(Harness harness) throws Exception {
        Files.write(harness.tempDir().resolve("litestream.properties"), List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs.main.url=jdbc:sqlite::memory:",
                "litestream.restart.multiplier=fast"), StandardCharsets.UTF_8);
        ProcessResult config = AgentProcess.cli(harness.tempDir(), Map.of(), "config");
        assertEquals(2, config.exitCode(), config.toString());
        assertTrue(config.output().contains("litestream.dbs.main.url"), config.toString());
        assertTrue(config.output().contains("litestream.restart.multiplier"), config.toString());
        assertFalse(config.output().contains("\tat "), "a stack trace:\n" + config);
    }
}
