package dev.litestreamagent.examples.shutdownwriter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** A thread committing rows at a steady rate until {@link #finish()} or its row budget is spent. */
final class Writer extends Thread {
    private final Ledger ledger;
    private final long intervalNanos;
    private final long rows;
    private volatile boolean finishing;

    Writer(String name, Ledger ledger, double rate, long rows) {
        super(name);
        this.ledger = ledger;
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        this.rows = rows;
    }

    /** A daemon thread committing as fast as it can until the JVM halts, as a forgotten executor does: no hook stops it. */
    static Writer flatOut(String name, Ledger ledger) {
        Writer writer = new Writer(name, ledger, Double.POSITIVE_INFINITY, 0);
        writer.setDaemon(true);
        return writer;
    }

    /** Stops after the row in progress. */
    void finish() {
        finishing = true;
    }

    @Override
    public void run() {
        try (Connection db = ledger.connect()) {
            long next = System.nanoTime();
            for (long n = 0; !finishing && (rows == 0 || n < rows); n++) {
                try {
                    Ledger.append(db, "from " + getName());
                } catch (SQLException e) {
                    System.err.println(getName() + ": a row was not written: " + e);
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (SQLException e) {
            System.err.println(getName() + ": cannot open the database: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
