package dev.litestreamagent.binary;

import dev.litestreamagent.settings.Durations;
import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches release files over HTTP(S), or from a {@code file:} mirror on the local file system (for hosts without
 * network access); every failure names the URL and, when there was one, the HTTP status.
 */
final class HttpDownloader {
    /** Release archives are 10 to 40 MB: a mirror sending more is refused before it fills the disk. */
    static final long MAX_ARCHIVE_BYTES = 256L << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Until the response headers arrive; the body has the rest of the download's deadline.
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_TEXT_BYTES = 1 << 16;

    // Redirect.NORMAL follows GitHub's redirect to its download host but never https -> http.
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT).build();
    private final Duration deadline;
    private final long maxBytes;

    /** {@code deadline}: how long an install may take in all, named when one is abandoned. */
    HttpDownloader(Duration deadline) {
        this(deadline, MAX_ARCHIVE_BYTES);
    }

    HttpDownloader(Duration deadline, long maxBytes) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /**
     * Writes the file at {@code uri} to {@code target}, all of it before {@code endNanos} ({@link System#nanoTime}:
     * a mirror trickling a byte a second must not hold the application's start for ever), at most
     * {@link #MAX_ARCHIVE_BYTES}.
     */
    void download(URI uri, Path target, long endNanos) throws BinaryException {
        if (isLocal(uri)) {
            try {
                Path source = Paths.get(uri);
                checkSize(uri, Files.size(source));
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw localFailure(uri, e);
            }
            return;
        }
        Duration left = Duration.ofNanos(Math.max(1_000_000, endNanos - System.nanoTime()));
        HttpResponse<InputStream> response = send(uri, HttpResponse.BodyHandlers.ofInputStream(),
                left.compareTo(RESPONSE_TIMEOUT) < 0 ? left : RESPONSE_TIMEOUT);
        try (InputStream body = response.body()) {
            checkStatus(uri, response.statusCode());
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent()) {
                checkSize(uri, length.getAsLong());
            }
            copyWithin(uri, body, target, endNanos);
        } catch (IOException e) {
            throw new BinaryException("download of " + uri + " failed: " + describe(e), e);
        }
    }

    /** Copies on a thread of its own, so that a read blocked on a stalled mirror can be abandoned at the deadline. */
    private void copyWithin(URI uri, InputStream body, Path target, long endNanos) throws BinaryException, IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread copier = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    total += n;
                    checkSize(uri, total);
                    out.write(buffer, 0, n);
                }
            } catch (IOException | BinaryException e) {
                failure.set(e);
            }
        }, "litestream-agent-download");
        copier.setDaemon(true);
        copier.start();
        try {
            copier.join(Math.max(1, (endNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            copier.interrupt();
            Thread.currentThread().interrupt();
            throw new BinaryException("download of " + uri + " interrupted", e);
        }
        if (copier.isAlive()) {
            copier.interrupt(); // unblocks its read; the caller deletes the partial file
            body.close();
            throw new BinaryException("download of " + uri + " did not finish within " + Durations.format(deadline)
                    + " (the mirror is too slow or stalled); nothing was installed. " + offlineHelp());
        }
        Exception e = failure.get();
        if (e instanceof BinaryException) {
            throw (BinaryException) e;
        }
        if (e != null) {
            throw (IOException) e;
        }
    }

    private void checkSize(URI uri, long bytes) throws BinaryException {
        if (bytes > maxBytes) {
            throw new BinaryException("download of " + uri + " is larger than " + maxBytes
                    + " bytes, more than any Litestream release archive; refused, nothing was installed");
        }
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
            HttpResponse<byte[]> response = send(uri, HttpResponse.BodyHandlers.ofByteArray(), RESPONSE_TIMEOUT);
            checkStatus(uri, response.statusCode());
            body = response.body();
        }
        if (body.length > MAX_TEXT_BYTES) {
            throw new BinaryException("download of " + uri + " returned " + body.length
                    + " bytes, more than a checksums file ever has; refused");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler, Duration timeout)
            throws BinaryException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
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
