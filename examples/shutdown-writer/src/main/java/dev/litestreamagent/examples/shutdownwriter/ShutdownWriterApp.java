package dev.litestreamagent.examples.shutdownwriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordinary application that knows nothing of Litestream: writer threads commit rows to SQLite
 * with plain JDBC, and its own shutdown hook commits a few more while the JVM stops (a last
 * audit record, a flushed queue). Every committed row is printed as {@code ACK <id>} once its
 * commit has returned.
 *
 * <pre>
 * java -jar shutdown-writer.jar [--url jdbc:sqlite:data/events.db] [--writers 2] [--rate 50]
 *      [--rows N] [--hook-rows 5] [--hook-ms 300] [--hang-hook] [--daemon-writers 0] [--exit-when FILE]
 * </pre>
 *
 * The writers run until the JVM is stopped, or {@code --rows} rows each. {@code --hang-hook}:
 * after its rows, the hook never returns, as a hook stuck on a lock or a remote call does.
 * {@code --daemon-writers}: daemon threads commit as fast as they can and nothing stops them, so
 * they still commit after every hook has returned. {@code --exit-when}: once FILE exists, the
 * application calls {@code System.exit(0)}.
 */
public final class ShutdownWriterApp {
    private ShutdownWriterApp() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("shutdown-writer: " + e.getMessage());
            System.exit(2);
            return;
        }
        Ledger ledger = Ledger.open(options.url());
        List<Writer> writers = new ArrayList<>();
        for (int i = 1; i <= options.writers(); i++) {
            writers.add(new Writer("writer-" + i, ledger, options.rate(), options.rows()));
        }
        Runtime.getRuntime().addShutdownHook(new ClosingHook(ledger, writers, options));
        for (Writer writer : writers) {
            writer.start();
        }
        for (int i = 1; i <= options.daemonWriters(); i++) {
            Writer.flatOut("daemon-writer-" + i, ledger).start();
        }
        if (options.exitWhen() != null) {
            exitWhen(Paths.get(options.exitWhen()));
        }
        System.out.println("shutdown-writer: " + writers.size() + " writers on " + options.url());
        for (Writer writer : writers) {
            writer.join();
        }
        System.out.println("shutdown-writer: the writers are done; " + options.url() + " holds " + ledger.count());
    }

    /** A daemon thread that calls {@code System.exit(0)} once {@code trigger} exists. */
    private static void exitWhen(Path trigger) {
        Thread watcher = new Thread(() -> {
            try {
                while (!Files.exists(trigger)) {
                    Thread.sleep(10);
                }
                System.out.println("shutdown-writer: " + trigger + " appeared, System.exit(0)");
                System.exit(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "exit-when");
        watcher.setDaemon(true);
        watcher.start();
    }
}
