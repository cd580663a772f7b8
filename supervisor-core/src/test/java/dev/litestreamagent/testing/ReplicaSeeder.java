package dev.litestreamagent.testing;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Seeds replicas from existing databases with the real {@code litestream replicate}: it runs until every replica of
 * every database has written its first WAL segment, then gets SIGTERM. An {@code -exec} command that ends when that
 * first sync begins stops Litestream inside it, where 0.3.13's close races the replica's own sync: exit 1 (a
 * {@code .wal.lz4.tmp} renamed by the other), or under load a panic (exit 2, "generation name required") with that
 * replica's snapshot unwritten. Once each replica's first sync is over, it syncs again only on a change: none comes.
 */
final class ReplicaSeeder {
    private static final long TIMEOUT_SECONDS = 60;
    private static final String END = "\u0000end";

    private ReplicaSeeder() {
    }

    /** Runs {@code command} (a {@code litestream replicate -config ...}); fails unless every replica got its first sync. */
    static void seed(List<String> command, Map<String, String> environment, Path workDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process litestream = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(litestream, lines), "seed-output");
        reader.setDaemon(true);
        reader.start();
        StringBuilder output = new StringBuilder();
        try {
            awaitFirstSyncs(lines, output);
        } finally {
            // SIGTERM (its final sync has nothing left to do), its output still read: Process.destroy() would close
            // the pipe, and Litestream's shutdown lines would end it with SIGPIPE (exit 141).
            litestream.toHandle().destroy();
            if (!litestream.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                litestream.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        lines.forEach(line -> output.append(line).append('\n'));
        Harness.assertSeeded(new ProcessResult(litestream.exitValue(), output.toString().replace(END + "\n", "")));
    }

    /** Until every (database, replica) pair announced at start-up logged "wal segment written". */
    private static void awaitFirstSyncs(BlockingQueue<String> lines, StringBuilder output) throws Exception {
        Set<String> announced = new HashSet<>();
        Set<String> synced = new HashSet<>();
        String database = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (announced.isEmpty() || !synced.containsAll(announced)) {
            String raw = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (raw == null || raw.equals(END)) {
                throw new AssertionError("seeding the replica: Litestream " + (raw == null ? "did not sync within "
                        + TIMEOUT_SECONDS + " s" : "exited") + " before the first sync of " + announced + " (done: "
                        + synced + "):\n" + output);
            }
            output.append(raw).append('\n');
            LitestreamLine line = LitestreamLine.parse(raw, TestBinary.LOG_MARKERS);
            if (line.dbInitialized()) {
                database = line.field("path");
            } else if (line.text().startsWith("replicating to")) {
                announced.add(database + " " + line.field("name"));
            } else if (line.text().startsWith("wal segment written")) {
                synced.add(line.field("db") + " " + line.field("replica"));
            }
        }
    }

    private static void read(Process litestream, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(litestream.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading its output failed: " + e + ")");
        }
        lines.add(END);
    }
}
