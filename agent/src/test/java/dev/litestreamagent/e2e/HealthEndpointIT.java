package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.agent.health.PrometheusFormat;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void healthFollowsLitestreamThroughKillsAndMetricsPassPromtool(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        int port = freePort();
        Files.write(config.properties(), List.of(
                "litestream.health.addr=127.0.0.1:" + port,
                "litestream.addr=127.0.0.1:" + freePort(),
                // a restart that waits long enough for the probe below to see the outage
                "litestream.restart.initial-delay=4s"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path log = harness.tempDir().resolve("app.log");
        Process app = new ProcessBuilder(AgentProcess.appUnderAgent(config.agentArgument(), List.of(),
                AgentProcess.exampleJar("event-log"), "--url", "jdbc:sqlite:" + db, "--events", "100000",
                "--interval-ms", "100")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> healthy = await(base + "/health",
                    r -> r.statusCode() == 200 && r.body().contains("\"lastUpload\":\"20"), log);
            assertTrue(healthy.body().contains("\"state\":\"RUNNING\"") && healthy.body().contains("\"replicating\":true"),
                    healthy.body());
            assertEquals(200, get(base + "/livez").statusCode());

            for (int kill = 1; kill <= 2; kill++) {
                long litestream = pid(await(base + "/readyz", r -> r.statusCode() == 200 && PID.matcher(r.body()).find(),
                        log).body());
                new ProcessBuilder("kill", "-KILL", Long.toString(litestream)).start().waitFor();
                HttpResponse<String> down = await(base + "/health", r -> r.statusCode() == 503, log);
                assertTrue(down.body().contains("\"state\":\"BACKOFF\""), down.body());
                assertTrue(down.body().contains("\"lastError\":\"Litestream exited unexpectedly"), down.body());
                assertEquals(200, get(base + "/livez").statusCode(), "the agent itself lives on");
                String restarts = "\"restarts\":" + kill;
                HttpResponse<String> back = await(base + "/health",
                        r -> r.statusCode() == 200 && r.body().contains(restarts), log);
                assertTrue(pid(back.body()) != litestream, back.body());
            }

            HttpResponse<String> metrics = get(base + "/metrics");
            assertEquals(200, metrics.statusCode());
            String text = metrics.body();
            assertTrue(text.contains("litestream_agent_up 1\n"), text);
            assertTrue(text.contains("litestream_agent_restarts_total 2\n"), text);
            assertTrue(text.contains("litestream_agent_state{state=\"RUNNING\"} 1\n"), text);
            assertTrue(text.contains("litestream_agent_last_upload_timestamp_seconds{db=\"app\"} "), text);
            assertTrue(text.contains("\nlitestream_db_size{db=\"" + db + "\"}"), "Litestream's own metrics:\n" + text);
            promtoolCheck(text);
        } finally {
            app.destroy();
            app.waitFor(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application");
        assertTrue(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("Health and metrics endpoint on"));
    }

    /** promtool when installed (CI installs it); else the strict Java reading of the agent's own lines. */
    private static void promtoolCheck(String text) throws Exception {
        boolean promtool = List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        if (!promtool) {
            PrometheusFormat.check(text.lines().filter(l -> l.contains("litestream_agent_"))
                    .collect(Collectors.joining("\n", "", "\n")));
            return;
        }
        Process check = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool hangs");
        // Lint findings (exit 3) about Litestream's own names are Litestream's; the agent's lines must have none.
        assertTrue(check.exitValue() == 0 || check.exitValue() == 3 && !output.contains("litestream_agent_"),
                "promtool check metrics: exit " + check.exitValue() + "\n" + output + "\n" + text);
    }

    private HttpResponse<String> await(String url, Predicate<HttpResponse<String>> wanted, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(url);
                if (wanted.test(last)) {
                    return last;
                }
            } catch (IOException e) { // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " never answered as expected; last: " + (last == null ? "none" : last.statusCode()
                + " " + last.body()) + "\napplication output:\n" + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long pid(String json) {
        Matcher m = PID.matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
