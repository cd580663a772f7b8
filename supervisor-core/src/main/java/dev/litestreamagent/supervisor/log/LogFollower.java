package dev.litestreamagent.supervisor.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the file Litestream appends its output to and hands each complete line to a consumer.
 * Memory is bounded (fixed read buffer, lines cut at {@link #MAX_LINE_BYTES}); the file is bounded
 * too: whenever it reaches {@code maxBytes} it is truncated (Litestream writes with O_APPEND, so it
 * simply continues at the new end); output not read by then (a flood the reader cannot keep up with)
 * is skipped, as is all of it when the reader falls more than {@code maxBytes} behind, and how much
 * is reported. The file so stays within {@code maxBytes} plus what Litestream
 * writes while one 64 KiB chunk is read.
 */
public final class LogFollower implements AutoCloseable {
    static final int MAX_LINE_BYTES = 16 * 1024;
    private static final long POLL_MILLIS = 50;
    private static final long SKIP_REPORT_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

    private final Path file;
    private final long maxBytes;
    private final Consumer<String> lines;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Thread thread;
    private FileChannel channel;
    private long position;
    private boolean partialCut;
    private long skippedUnreported;
    private long lastSkipReport;
    private volatile boolean closed;

    public LogFollower(Path file, long maxBytes, Consumer<String> lines, String threadName) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.lines = lines;
        this.thread = new Thread(this::follow, threadName);
        this.thread.setDaemon(true);
    }

    public void start() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        position = channel.size();
        thread.start();
    }

    /** Reads everything written so far, the last unterminated line included: call after the child exited. */
    public synchronized void drain() {
        while (pump()) {
            // a flood of more than maxBytes is read (or skipped) in several rounds
        }
        if (partial.size() > 0) {
            emitPartial();
        }
    }

    /** Stops following after a last {@link #drain()}. */
    @Override
    public void close() throws IOException {
        closed = true; // no interrupt: it would close the FileChannel under a read
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
        synchronized (this) {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private void follow() {
        while (!closed) {
            if (pump()) {
                continue; // behind a flood: read on without pausing
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads up to {@code maxBytes}; true when more is waiting. */
    private synchronized boolean pump() {
        if (channel == null || !channel.isOpen()) {
            return false;
        }
        try {
            long size = channel.size();
            if (size < position) {
                position = 0; // truncated by someone else
            } else if (size - position > maxBytes) {
                skipped(size - position);
                position = size;
                partial.reset();
            }
            // Up to the size seen above only: what is appended meanwhile waits for the next round and its checks.
            while (position < size) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), size - position));
                int read = channel.read(buffer, position);
                if (read <= 0) {
                    break;
                }
                position += read;
                split(buffer.array(), read);
                if (restartIfFull()) {
                    return true; // look again at once: a pause is time for a flood to refill the file
                }
            }
            return restartIfFull() || position < channel.size();
        } catch (IOException e) {
            LOG.warn("Cannot read Litestream's output from {}: {}", file, e.toString());
            return false;
        }
    }

    /**
     * At its bound the file starts over, also while Litestream keeps writing (waiting for a flood to end let
     * it grow to gigabytes); what was not read yet is skipped, and said so.
     */
    private boolean restartIfFull() throws IOException {
        long written = channel.size();
        if (written < maxBytes) {
            return false;
        }
        if (written > position) {
            skipped(written - position);
            partial.reset();
        }
        channel.truncate(0);
        position = 0;
        return true;
    }

    /** Reports skipped output at most every 10 s, so a flood does not turn into a flood of warnings. */
    private void skipped(long bytes) {
        skippedUnreported += bytes;
        long now = System.nanoTime();
        if (lastSkipReport == 0 || now - lastSkipReport >= SKIP_REPORT_NANOS) {
            LOG.warn("Litestream printed faster than it can be logged: skipped {} bytes of its output in {}",
                    skippedUnreported, file);
            skippedUnreported = 0;
            lastSkipReport = now;
        }
    }

    private void split(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emitPartial();
                start = i + 1;
            }
        }
        append(bytes, start, length - start);
    }

    private void append(byte[] bytes, int offset, int length) {
        int room = MAX_LINE_BYTES - partial.size();
        if (length > room) {
            partialCut = true;
        }
        partial.write(bytes, offset, Math.min(length, Math.max(room, 0)));
    }

    private void emitPartial() {
        String line = new String(partial.toByteArray(), StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (partialCut) {
            line += " [line cut at " + MAX_LINE_BYTES + " bytes]";
        }
        partial.reset();
        partialCut = false;
        if (!line.isEmpty()) {
            lines.accept(line);
        }
    }
}
