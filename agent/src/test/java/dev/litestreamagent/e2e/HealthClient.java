package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.agent.health.PrometheusFormat;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Asks an application's health endpoint, waiting for an answer; checks its metrics as Prometheus would. */
final class HealthClient {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final Path log;

    /** @param log the application's output, shown when an answer never comes */
    HealthClient(int port, Path log) {
        this.base = "http://127.0.0.1:" + port;
        this.log = log;
    }

    /** Asks {@code path} until the answer is {@code wanted}, for at most {@code seconds}. */
    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> wanted, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path);
                if (wanted.test(last)) {
                    return last;
                }
            } catch (IOException e) { // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never answered as expected; last: " + (last == null ? "none" : last.statusCode()
                + " " + last.body()) + "\napplication output:\n" + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }

    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> wanted) throws Exception {
        return await(path, wanted, 60);
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** promtool when installed (CI installs it); else the strict Java reading of the agent's own lines. */
    static void promtoolCheck(String text) throws Exception {
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
