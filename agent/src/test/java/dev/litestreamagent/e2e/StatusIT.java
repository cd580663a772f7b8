package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
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
 * The CLI's status against an application under the agent with the real Litestream, no setting added:
 * replicating (the application's JVM and its Litestream named, uploads seen), then, once the application
 * is SIGKILLed, not replicating (exit 1).
 */
@ExtendWith(LitestreamHarness.class)
class StatusIT {
    @Test
    void statusShowsTheAgentReplicatingThenNothingAfterItsJvmIsKilled(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig.write(harness, "app", db);
        Path appLog = harness.tempDir().resolve("app.log");
        Process app = new ProcessBuilder(AgentProcess.appUnderAgent(null, List.of(), AgentProcess.exampleJar("event-log"),
                "--url", "jdbc:sqlite:" + db, "--events", "100000", "--interval-ms", "100"))
                .directory(harness.tempDir().toFile()).redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
        try {
            String agent = "agent JVM " + app.pid() + ", Litestream ";
            ProcessResult running = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> AgentProcess.cli(harness.tempDir(), Map.of(), "status"),
                            r -> r.exitCode() == 0 && r.output().contains(agent) && r.output().contains(" s ago"));
            assertTrue(running.output().lines().anyMatch(l -> l.matches("app +RUNNING +" + agent + "\\d+ +[0-9.]+ s ago +0 +0 +-")),
                    running.toString());

            ProcessResult json = AgentProcess.cli(harness.tempDir(), Map.of(), "status", "--json", "app");
            assertEquals(0, json.exitCode(), json.toString());
            assertTrue(json.output().startsWith("{\"healthy\":true,\"databases\":[{\"alias\":\"app\""), json.toString());
            assertTrue(json.output().contains("\"source\":\"live\",\"state\":\"RUNNING\""), json.toString());
            assertTrue(json.output().contains("\"agentPid\":" + app.pid() + ","), json.toString());
        } finally {
            new ProcessBuilder("kill", "-KILL", Long.toString(app.pid())).start().waitFor();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the application did not die");
        }
        ProcessResult killed = AgentProcess.cli(harness.tempDir(), Map.of(), "status", "app");
        assertEquals(1, killed.exitCode(), killed.toString());
        assertTrue(killed.output().lines().anyMatch(l -> l.matches("app +NOT REPLICATING +none .*")), killed.toString());
        assertTrue(killed.output().contains("app: nothing replicates " + db + " (no process holds its lock); the agent's"
                + " last status was written at "), killed.toString());
        // Litestream ends by itself once its -exec tail sees the JVM gone (GracefulStopIT); the test leaves none behind.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> LitestreamProcesses.replicating(db).isEmpty());
        assertTrue(new String(Files.readAllBytes(appLog), StandardCharsets.UTF_8).contains("Replicating app"));
    }
}
