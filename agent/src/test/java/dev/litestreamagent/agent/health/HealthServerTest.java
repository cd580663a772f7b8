package dev.litestreamagent.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.verify.VerificationLog;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthServerTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HealthServer start(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(extra);
        props.put("litestream.health.addr", "127.0.0.1:" + freePort());
        props.put("litestream.dbs.app.path", dir.resolve("app.db").toString());
        props.put("litestream.dbs.app.replica.type", "file");
        props.put("litestream.dbs.app.replica.path", dir.resolve("replica").toString());
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, props, Map.of(), dir, null));
        return HealthServer.start(config, new HealthSource(config.databases(), () -> null, new VerificationLog()));
    }

    private HttpResponse<String> call(HealthServer server, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAnswersWhileReadinessSaysNoReplicationRuns() throws Exception {
        HealthServer server = start(Map.of());
        try {
            assertEquals(200, call(server, "GET", "/livez").statusCode());
            for (String path : new String[] {"/readyz", "/health"}) {
                HttpResponse<String> ready = call(server, "GET", path);
                assertEquals(503, ready.statusCode(), path);
                assertEquals("application/json; charset=utf-8", ready.headers().firstValue("Content-Type").orElse(""));
                assertTrue(ready.body().startsWith("{\"status\":\"unavailable\",\"problems\":[\"no Litestream runs"),
                        ready.body());
                assertTrue(ready.body().contains("\"alias\":\"app\""), ready.body());
            }
            HttpResponse<String> metrics = call(server, "GET", "/metrics");
            assertEquals(200, metrics.statusCode());
            assertEquals(MetricsText.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElse(""));
            assertTrue(metrics.body().contains("litestream_agent_up 0\n"), metrics.body());
            assertEquals(404, call(server, "GET", "/healthz").statusCode());
            assertEquals(405, call(server, "POST", "/health").statusCode());
            assertEquals("", call(server, "HEAD", "/livez").body());
        } finally {
            server.stop();
        }
    }

    @Test
    void everyThreadOfTheServerIsADaemonSoItNeverKeepsTheJvmAlive() throws Exception {
        HealthServer server = start(Map.of());
        try {
            call(server, "GET", "/metrics");
            Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("litestream-health") || t.getName().startsWith("HTTP-Dispatcher"))
                    .forEach(t -> assertTrue(t.isDaemon(), t.getName() + " is not a daemon"));
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("HTTP-Dispatcher")),
                    "the JDK's dispatcher thread was looked at");
        } finally {
            server.stop();
        }
    }

    @Test
    void litestreamsOwnMetricsFollowTheAgentsOrACommentSaysWhyNot() throws Exception {
        HttpServer litestream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        litestream.createContext("/metrics", exchange -> {
            byte[] body = "# HELP litestream_db_size The current size of the real DB\n# TYPE litestream_db_size gauge\n"
                    .concat("litestream_db_size{db=\"/data/app.db\"} 4096").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        litestream.start();
        int port = litestream.getAddress().getPort();
        HealthServer server = start(Map.of("litestream.addr", ":" + port));
        try {
            String body = call(server, "GET", "/metrics").body();
            assertTrue(body.indexOf("litestream_agent_up") < body.indexOf("litestream_db_size"), body);
            assertTrue(body.endsWith("litestream_db_size{db=\"/data/app.db\"} 4096\n"), body);
            PrometheusFormat.check(body);
            litestream.stop(0);
            body = call(server, "GET", "/metrics").body();
            assertTrue(body.contains("# Litestream's metrics (http://127.0.0.1:" + port + "/metrics) unavailable: "), body);
            assertFalse(body.contains("litestream_db_size"), body);
            PrometheusFormat.check(body);
        } finally {
            server.stop();
            litestream.stop(0);
        }
    }
}
