package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health endpoint of an application under the agent with the real Litestream: 200 while it
 * replicates, 503 while a SIGKILLed Litestream waits for its restart, 200 again once it replicates;
 * {@code /metrics} (the agent's and Litestream's own) passes {@code promtool check metrics}.
 */
@ExtendWith(LitestreamHarness.class)
class HealthEndpointIT {
    private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");

    @Test
    void healthFollowsLitestreamThroughKillsAndMetricsPassPromtool(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        int port = HealthClient.freePort();
        Files.write(config.properties(), List.of(
                "litestream.health.addr=127.0.0.1:" + port,
                "litestream.addr=127.0.0.1:" + HealthClient.freePort(),
                // a restart that waits long enough for the probe below to see the outage
                "litestream.restart.initial-delay=4s"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path log = harness.tempDir().resolve("app.log");
        Process app = new ProcessBuilder(AgentProcess.appUnderAgent(config.agentArgument(), List.of(),
                AgentProcess.exampleJar("event-log"), "--url", "jdbc:sqlite:" + db, "--events", "100000",
                "--interval-ms", "100")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HealthClient health = new HealthClient(port, log);
        try {
            HttpResponse<String> healthy = health.await("/health",
                    r -> r.statusCode() == 200 && r.body().contains("\"lastUpload\":\"20"));
            assertTrue(healthy.body().contains("\"state\":\"RUNNING\"") && healthy.body().contains("\"replicating\":true"),
                    healthy.body());
            assertEquals(200, health.get("/livez").statusCode());

            for (int kill = 1; kill <= 2; kill++) {
                long litestream = pid(health.await("/readyz",
                        r -> r.statusCode() == 200 && PID.matcher(r.body()).find()).body());
                new ProcessBuilder("kill", "-KILL", Long.toString(litestream)).start().waitFor();
                HttpResponse<String> down = health.await("/health", r -> r.statusCode() == 503);
                assertTrue(down.body().contains("\"state\":\"BACKOFF\""), down.body());
                assertTrue(down.body().contains("\"lastError\":\"Litestream exited unexpectedly"), down.body());
                assertEquals(200, health.get("/livez").statusCode(), "the agent itself lives on");
                String restarts = "\"restarts\":" + kill;
                HttpResponse<String> back = health.await("/health",
                        r -> r.statusCode() == 200 && r.body().contains(restarts));
                assertTrue(pid(back.body()) != litestream, back.body());
            }

            HttpResponse<String> metrics = health.get("/metrics");
            assertEquals(200, metrics.statusCode());
            String text = metrics.body();
            assertTrue(text.contains("litestream_agent_up 1\n"), text);
            assertTrue(text.contains("litestream_agent_restarts_total 2\n"), text);
            assertTrue(text.contains("litestream_agent_state{state=\"RUNNING\"} 1\n"), text);
            assertTrue(text.contains("litestream_agent_last_upload_timestamp_seconds{db=\"app\"} "), text);
            assertTrue(text.contains("\nlitestream_db_size{db=\"" + db + "\"}"), "Litestream's own metrics:\n" + text);
            HealthClient.promtoolCheck(text);
        } finally {
            app.destroy();
            app.waitFor(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application");
        assertTrue(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("Health and metrics endpoint on"));
    }

    private static long pid(String json) {
        Matcher m = PID.matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }
}
