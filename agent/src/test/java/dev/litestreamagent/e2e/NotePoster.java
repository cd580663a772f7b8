package dev.litestreamagent.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the Spring Boot example's {@code POST /notes}, one request after another until the
 * service stops answering: requests in flight while it shuts down gracefully commit rows too
 * (the service ACKs them like its writers' rows).
 */
final class NotePoster implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final Thread thread;
    private volatile boolean closed;

    private NotePoster(URI notes) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest post = HttpRequest.newBuilder(notes).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("posted")).build();
        thread = new Thread(() -> {
            while (!closed) {
                try {
                    client.send(post, HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    return; // the service is gone: a stopped service refuses connections
                }
            }
        }, "note-poster");
        thread.setDaemon(true);
    }

    /** Starts posting to the port the service logged. */
    static NotePoster start(RunningJvm jvm) throws Exception {
        Matcher port = PORT.matcher(jvm.output());
        if (!port.find()) {
            throw new AssertionError("the service logged no port:\n" + jvm.tail(40));
        }
        NotePoster poster = new NotePoster(URI.create("http://127.0.0.1:" + port.group(1) + "/notes"));
        poster.thread.start();
        return poster;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(Duration.ofSeconds(35).toMillis());
    }
}
