package dev.litestreamagent.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A thread committing one row every 20 ms (or another pause; autocommit) and remembering the ids that committed. */
public final class Writer implements AutoCloseable {
    private static final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Writer.class);
    }

    private final Path db;
    private final List<Integer> committed = new CopyOnWriteArrayList<>();
    private final long pauseMillis;
    private final int padBytes;
    private final Thread thread;

    private Writer(Path db, long pauseMillis, int padBytes) {
        this.db = db;
        this.pauseMillis = pauseMillis;
        this.padBytes = padBytes;
        this.thread = new Thread(this::run, "test-writer");
    }

    public static Writer start(Path db) {
        return start(db, 20, 0);
    }

    /**
     * A writer that pauses {@code pauseMillis} after each commit (0: as fast as it can), each row's body
     * padded with {@code padBytes} more characters (the WAL Litestream uploads grows that much faster).
     */
    public static Writer start(Path db, long pauseMillis, int padBytes) {
        Writer writer = new Writer(db, pauseMillis, padBytes);
        writer.thread.start();
        return writer;
    }

    /** The id of the last row committed so far. */
    public int last() {
        return committed.get(committed.size() - 1);
    }

    /** Ids committed so far, in order. */
    public List<Integer> committed() {
        return committed;
    }

    /** Stops writing and returns every committed id. */
    public List<Integer> stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
        return new ArrayList<>(committed);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void run() {
        try (Connection connection = Sqlite.open(db);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO events (id, body) VALUES (?, ?)")) {
            String pad = " ".repeat(padBytes);
            for (int id = 1; !Thread.currentThread().isInterrupted(); id++) {
                insert.setInt(1, id);
                insert.setString(2, "event " + id + pad);
                insert.executeUpdate();
                committed.add(id);
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException done) {
            // stopped
        } catch (Exception e) { // the callers' row counts show a writer that ended early
            LoggerHolder.LOG.warn("test writer stopped: {}", e.toString());
        }
    }
}
