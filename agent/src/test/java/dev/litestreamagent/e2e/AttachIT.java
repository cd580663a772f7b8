package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.testing.TestBinary;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Adopting a running application: the event-log example starts without the agent, the attach
 * command loads the agent into it by pid, and the database (rows written before and after the
 * attach) becomes restorable.
 */
@ExtendWith(LitestreamHarness.class)
class AttachIT {
    private static final int EVENTS = 200;

    @Test
    void attachingToARunningApplicationReplicatesItsDatabase(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("events.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "events", db);
        Path appLog = harness.tempDir().resolve("app.log");
        // JDK 21+ warns about agents loaded into a running JVM unless it was started with this flag
        // (accepted since JDK 9): the documented way to adopt an application without the warning.
        Process app = new ProcessBuilder(TestBinary.java().toString(), "-XX:+EnableDynamicAgentLoading",
                "-jar", AgentProcess.exampleJar("event-log").toString(),
                "--url", "jdbc:sqlite:" + db, "--events", Integer.toString(EVENTS), "--interval-ms", "50")
                .directory(harness.tempDir().toFile()).redirectErrorStream(true).redirectOutput(appLog.toFile())
                .redirectInput(new File("/dev/null")).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> Files.exists(db) && Sqlite.count(db) >= 10);

            ProcessResult attach = AgentProcess.cli(harness.tempDir(), Map.of(),
                    "attach", Long.toString(app.pid()), config.properties().toString());
            int rowsAtAttach = Sqlite.count(db);

            assertEquals(0, attach.exitCode(), attach.toString());
            assertTrue(attach.output().contains("litestream-agent attached to process " + app.pid()), attach.toString());
            assertTrue(rowsAtAttach < EVENTS, "the application ended before the attach returned: the test proves nothing");
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the application did not end");
            String out = new String(Files.readAllBytes(appLog), StandardCharsets.UTF_8);
            assertEquals(0, app.exitValue(), out);
            assertTrue(out.contains("[litestream-agent]"), "no agent log line in the application's output:\n" + out);
            assertFalse(out.contains("loaded dynamically"), "the JVM warned about the dynamic agent:\n" + out);
        } finally {
            app.destroyForcibly();
        }

        assertEquals(EVENTS, Sqlite.count(config.restore()), "rows restored from the replica");
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application");
    }
}
