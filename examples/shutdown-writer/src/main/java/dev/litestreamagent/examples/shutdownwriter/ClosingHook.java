package dev.litestreamagent.examples.shutdownwriter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The application's own shutdown hook: while its writers drain, it commits {@code --hook-rows}
 * rows spread over {@code --hook-ms}, then stops the writers and waits for them. With
 * {@code --hang-hook} it then never returns.
 */
final class ClosingHook extends Thread {
    private final Ledger ledger;
    private final List<Writer> writers;
    private final Options options;

    ClosingHook(Ledger ledger, List<Writer> writers, Options options) {
        super("closing-hook");
        this.ledger = ledger;
        this.writers = writers;
        this.options = options;
    }

    @Override
    public void run() {
        System.out.println("shutdown-writer: closing, " + options.hookRows() + " rows over " + options.hookMillis() + " ms");
        try (Connection db = ledger.connect()) {
            long pause = options.hookRows() == 0 ? 0 : options.hookMillis() / options.hookRows();
            for (int i = 1; i <= options.hookRows(); i++) {
                Ledger.append(db, "closing " + i);
                Thread.sleep(pause);
            }
            for (Writer writer : writers) {
                writer.finish();
            }
            for (Writer writer : writers) {
                writer.join();
            }
            System.out.println("shutdown-writer: closed");
            if (options.hangHook()) {
                System.out.println("shutdown-writer: the hook hangs now (--hang-hook)");
                new CountDownLatch(1).await();
            }
        } catch (SQLException e) {
            System.err.println("shutdown-writer: the closing rows failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
