package dev.litestreamagent.agent.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.litestreamagent.config.AgentConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The opt-in {@code litestream.health.addr} endpoint, on the JDK's own HTTP server (no dependency on the
 * host's class path): {@code /livez} (200 while the agent runs), {@code /readyz} and {@code /health} (200
 * when replication is healthy, else 503, with a JSON body either way) and {@code /metrics}. Every thread
 * it has is a daemon: it never keeps the JVM alive.
 */
public final class HealthServer {
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HealthSource source;
    private final Optional<LitestreamMetrics> litestream;

    private HealthServer(HttpServer server, ExecutorService executor, HealthSource source,
            Optional<LitestreamMetrics> litestream) {
        this.server = server;
        this.executor = executor;
        this.source = source;
        this.litestream = litestream;
    }

    /**
     * Listens on {@code config.healthAddr()} and answers from {@code source}, whose replication is null while
     * there is none (not started yet, or its start failed: then /readyz says 503).
     */
    public static HealthServer start(AgentConfig config, HealthSource source) throws IOException {
        String addr = config.healthAddr().orElseThrow(() -> new IllegalStateException("litestream.health.addr unset"));
        HttpServer server = HttpServer.create(socketAddress(addr), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
        server.setExecutor(executor);
        HealthServer health = new HealthServer(server, executor, source, config.addr().map(LitestreamMetrics::new));
        server.createContext("/", health::handle);
        health.startDaemonDispatcher();
        return health;
    }

    /** The port it listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Closes the socket at once; idempotent enough for a JVM exit. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * The JDK's dispatcher thread takes its daemon flag from the thread that starts the server, so the
     * server is started from a daemon thread whatever the caller is.
     */
    private void startDaemonDispatcher() throws IOException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "litestream-health-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("interrupted while starting the health endpoint", e);
        }
        if (failure.get() != null) {
            stop();
            throw failure.get();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "GET or HEAD\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/livez":
                    respond(exchange, 200, "text/plain; charset=utf-8", "ok\n");
                    break;
                case "/readyz":
                case "/health":
                    HealthSnapshot snapshot = source.take();
                    respond(exchange, snapshot.healthy() ? 200 : 503, JSON, HealthJson.render(snapshot));
                    break;
                case "/metrics":
                    String body = MetricsText.render(source.take()) + litestream.map(LitestreamMetrics::fetch).orElse("");
                    respond(exchange, 200, MetricsText.CONTENT_TYPE, body);
                    break;
                default:
                    respond(exchange, 404, "text/plain; charset=utf-8", "/livez, /readyz, /health or /metrics\n");
            }
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code host:port}, {@code :port} (every interface) or {@code [v6]:port}. */
    static InetSocketAddress socketAddress(String addr) {
        int colon = addr.lastIndexOf(':');
        String host = addr.substring(0, colon);
        int port = Integer.parseInt(addr.substring(colon + 1));
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, port);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "litestream-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
