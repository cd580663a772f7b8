package dev.litestreamagent.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child's output pipe to its end on a daemon thread, keeping the last {@code limit} bytes
 * (where the reason for a failure is), or copying it to a stream of this JVM: the child never
 * blocks on a full pipe, and the memory stays bounded.
 */
final class CapturedOutput {
    /** A descendant that inherited the pipe keeps it open after the child exited; do not wait for it longer. */
    private static final long DRAIN_WAIT_MS = 1000;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private final OutputStream copyTo;
    private final Thread reader;

    private CapturedOutput(InputStream pipe, int limit, OutputStream copyTo, long pid) {
        this.limit = limit;
        this.copyTo = copyTo;
        this.reader = new Thread(() -> drain(pipe), "litestream-agent-output-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    /** Keeps the last {@code limit} bytes, for {@link #text}. */
    static CapturedOutput kept(InputStream pipe, int limit, long pid) {
        return new CapturedOutput(pipe, limit, null, pid);
    }

    /** Copies everything to {@code sink} as it comes; keeps nothing. */
    static CapturedOutput copied(InputStream pipe, OutputStream sink, long pid) {
        return new CapturedOutput(pipe, 0, sink, pid);
    }

    /** Once the child exited: waits (briefly) until what is still in the pipe was read. */
    void awaitDrained() throws InterruptedException {
        reader.join(DRAIN_WAIT_MS);
    }

    /** What was read; with {@code exited}, first waits (briefly) for the rest still in the pipe. */
    String text(boolean exited) {
        if (exited) {
            try {
                reader.join(DRAIN_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (kept) {
            byte[] bytes = kept.toByteArray();
            int from = Math.max(0, bytes.length - limit);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }
    }

    private void drain(InputStream pipe) {
        byte[] buffer = new byte[8192];
        try (InputStream in = pipe) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (copyTo != null) {
                    copyTo.write(buffer, 0, n);
                    copyTo.flush();
                    continue;
                }
                synchronized (kept) {
                    kept.write(buffer, 0, n);
                    if (kept.size() - limit > limit) { // drop the older half at once, not a few bytes per read
                        byte[] bytes = kept.toByteArray();
                        kept.reset();
                        kept.write(bytes, bytes.length - limit, limit);
                    }
                }
            }
        } catch (IOException closed) {
            // the process is gone: what was read is all there is
        }
    }
}
