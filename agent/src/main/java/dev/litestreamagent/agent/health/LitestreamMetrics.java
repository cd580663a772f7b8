package dev.litestreamagent.agent.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Litestream's own {@code /metrics} (its {@code addr}), appended to the agent's so one scrape serves both.
 * A failure becomes a comment: the agent's figures matter most when Litestream is down.
 */
final class LitestreamMetrics {
    private static final int TIMEOUT_MS = 1000;
    private static final int MAX_BYTES = 4 << 20;

    private final String url;

    /** {@code addr}: Litestream's listen address; a wildcard host is reached on the loopback. */
    LitestreamMetrics(String addr) {
        int colon = addr.lastIndexOf(':');
        String host = addr.substring(0, colon);
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("[::]")) {
            host = "[::1]";
        }
        this.url = "http://" + host + addr.substring(colon) + "/metrics";
    }

    String fetch() {
        HttpURLConnection connection = null;
        try {
            // The host application's proxy settings are for its own traffic, not for this loopback call.
            connection = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            int code = connection.getResponseCode();
            if (code != 200) {
                return unavailable("HTTP " + code);
            }
            try (InputStream in = connection.getInputStream()) {
                String body = read(in);
                return body.isEmpty() || body.endsWith("\n") ? body : body + "\n";
            }
        } catch (IOException e) {
            return unavailable(e.toString());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private String unavailable(String reason) {
        return "# Litestream's metrics (" + url + ") unavailable: " + reason.replace('\n', ' ') + "\n";
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > MAX_BYTES) {
                throw new IOException("more than " + MAX_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
