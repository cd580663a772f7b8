package dev.litestreamagent.examples.springboot;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code --writers} threads committing {@code --rate} notes a second each. Stopped from
 * {@code @PreDestroy}, they first go on for {@code --drain-ms}, as a worker finishing its queue
 * does while the context closes: those commits happen during the JVM's shutdown.
 */
@Component
@Profile(NotesApp.SERVICE)
class Writers {
    private static final Logger LOG = LoggerFactory.getLogger(Writers.class);

    private final Notebook notebook;
    private final int count;
    private final long intervalNanos;
    private final long drainMillis;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    Writers(Notebook notebook, @Value("${writers}") int count, @Value("${rate}") double rate,
            @Value("${drain-ms}") long drainMillis) {
        if (count < 0 || rate <= 0 || drainMillis < 0) {
            throw new IllegalArgumentException("--writers=" + count + " --rate=" + rate + " --drain-ms=" + drainMillis
                    + ": expected writers >= 0, rate > 0 (notes a second per writer), drain-ms >= 0");
        }
        this.notebook = notebook;
        this.count = count;
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        this.drainMillis = drainMillis;
    }

    @PostConstruct
    void start() {
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(this::write, "writer-" + i);
            threads.add(thread);
            thread.start();
        }
        LOG.info("{} writers started", count);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        LOG.info("draining: writers go on for {} ms", drainMillis);
        Thread.sleep(drainMillis);
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
        LOG.info("writers stopped");
    }

    private void write() {
        String name = Thread.currentThread().getName();
        long next = System.nanoTime();
        while (!stopping) {
            try {
                notebook.add("from " + name);
            } catch (RuntimeException e) {
                LOG.warn("{}: a note was not written: {}", name, e.toString());
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
