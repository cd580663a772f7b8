package dev.litestreamagent.examples.flywaytenants;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes orders round-robin to every tenant, one transaction each, printing {@code ACK <tenant> <id>}
 * only after the commit: {@code rows} rounds, then for {@code seconds} (or until the JVM is told to stop).
 */
final class OrderWriter {
    private final List<Tenant> tenants;
    private final Options options;
    private volatile boolean stopping;

    OrderWriter(List<Tenant> tenants, Options options) {
        this.tenants = tenants;
        this.options = options;
    }

    /** Returns how many orders were written. */
    long run() throws SQLException, InterruptedException {
        Thread writer = Thread.currentThread();
        // On SIGTERM the JVM runs its hooks while this thread still writes: let it finish the row it is on.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flyway-tenants-stop"));

        List<Connection> connections = new ArrayList<>();
        try {
            for (Tenant tenant : tenants) {
                connections.add(tenant.connect());
            }
            long written = 0;
            for (int round = 0; round < options.rows() && !stopping; round++) {
                written += writeRound(connections, written);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
            while (!stopping && (options.keepRunning() || System.nanoTime() < deadline)) {
                written += writeRound(connections, written);
                Thread.sleep(options.intervalMs());
            }
            return written;
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private int writeRound(List<Connection> connections, long sequence) throws SQLException {
        int written = 0;
        for (int i = 0; i < tenants.size() && !stopping; i++) {
            Tenant tenant = tenants.get(i);
            long id = tenant.insertOrder(connections.get(i), sequence + written);
            System.out.println("ACK " + tenant.name() + " " + id);
            written++;
        }
        return written;
    }
}
