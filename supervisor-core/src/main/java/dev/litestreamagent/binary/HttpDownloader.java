package dev.litestreamagent.binary;

import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches release files over HTTP(S), or from a {@code file:} mirror on the local file system (for hosts without
 * network access); every failure names the URL and, when there was one, the HTTP status.
 */
final class HttpDownloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Until the response headers arrive; the body of a ~30 MB archive may take longer than this.
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_TEXT_BYTES = 1 << 16;

    // Redirect.NORMAL follows GitHub's redirect to its download host but never https -> http.
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT).build();

    void download(URI uri, Path target) throws BinaryException {
        if (isLocal(uri)) {
            try {
                Files.copy(Paths.get(uri), target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw localFailure(uri, e);
            }
            return;
        }
        HttpResponse<Path> response = send(uri, HttpResponse.BodyHandlers.ofFile(target));
        checkStatus(uri, response.statusCode());
    }

    /** A small text file such as checksums.txt. */
    String text(URI uri) throws BinaryException {
        byte[] body;
        if (isLocal(uri)) {
            try {
                body = Files.readAllBytes(Paths.get(uri));
            } catch (IOException e) {
                throw localFailure(uri, e);
            }
        } else {
            HttpResponse<byte[]> response = send(uri, HttpResponse.BodyHandlers.ofByteArray());
            checkStatus(uri, response.statusCode());
            body = response.body();
        }
        if (body.length > MAX_TEXT_BYTES) {
            throw new BinaryException("download of " + uri + " returned " + body.length
                    + " bytes, more than a checksums file ever has; refused");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) throws BinaryException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "litestream-agent").GET().build();
        try {
            return client.send(request, handler);
        } catch (ConnectException e) {
            throw new BinaryException("download of " + uri + " failed: cannot connect (" + describe(e) + "). "
                    + offlineHelp(), e);
        } catch (HttpTimeoutException e) {
            throw new BinaryException("download of " + uri + " failed: timed out (" + describe(e) + "). "
                    + offlineHelp(), e);
        } catch (IOException e) {
            throw new BinaryException("download of " + uri + " failed: " + describe(e) + ". " + offlineHelp(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryException("download of " + uri + " interrupted", e);
        }
    }

    private static void checkStatus(URI uri, int status) throws BinaryException {
        if (status != 200) {
            throw new BinaryException("download of " + uri + " failed: HTTP " + status
                    + (status == 404 ? " (no such release asset: check " + Keys.VERSION + " and "
                    + Keys.DOWNLOAD_BASE_URL + ")" : "") + ". " + offlineHelp());
        }
    }

    private static boolean isLocal(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    private static BinaryException localFailure(URI uri, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file (no such release asset: check "
                + Keys.VERSION + " and " + Keys.DOWNLOAD_BASE_URL + ")" : describe(e);
        return new BinaryException("download of " + uri + " failed: " + reason + ". " + offlineHelp(), e);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private static String offlineHelp() {
        return "Without network access, install Litestream and set " + Keys.BIN_PATH
                + " (or put it on PATH), or point " + Keys.DOWNLOAD_BASE_URL + " at a reachable mirror.";
    }
}
