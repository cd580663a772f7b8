package dev.litestreamagent.binary;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A release mirror on 127.0.0.1: serves {@code /<tag>/<file>} from memory and counts requests per path. */
final class ReleaseServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile long delayMillis;
    private volatile long trickleMillis;
    private volatile boolean chunked;

    ReleaseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (trickleMillis > 0) {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(trickleMillis);
                    }
                } catch (InterruptedException | IOException e) {
                    // the client gave up: what the test wants
                }
            } else {
                exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException e) {
                    // the client gave up (a size cap): what the test wants
                }
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}: use as litestream.download.base-url. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ReleaseServer serve(String path, byte[] body) {
        files.put(path, body);
        return this;
    }

    /** Holds every response back, so that concurrent downloads overlap. */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** Sends every body one byte at a time, {@code millis} apart: a mirror that never finishes. */
    void trickle(long millis) {
        trickleMillis = millis;
    }

    /** Sends bodies without a Content-Length (chunked), so a size cap must count what arrives. */
    void chunked() {
        chunked = true;
    }

    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
