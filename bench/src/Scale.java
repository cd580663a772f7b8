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
import java.time.Instant;
import java.time.LocalDate;
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
 * The scale benchmark (bench/scale.sh runs it): one agent replicating 1, 20, 100 ... databases to file
 * replicas, each database written by the host application ({@link Writers}) at RATE commits a second.
 * For each count: the agent's start-up delay beside an empty agent, the time until the host created every
 * database and until Litestream has every one open, Litestream launches by then, replication lag (commit of a
 * marker row to the start of the first restore that holds it, sampled across the databases) and one restore's time,
 * Litestream's RSS, the host's heap after GC and RSS, and the agent's threads.
 *
 * <pre>java -cp bench/target/classes:event-log.jar Scale JAVA AGENT_JAR EMPTY_AGENT_JAR CLASSES LITESTREAM WORK RATE SAMPLES OUTPUT.md COUNT...</pre>
 */
public final class Scale {
    private static final Pattern MAIN_ENTRY = Pattern.compile("main-entry-us=(\\d+)");
    private static final Pattern CREATED = Pattern.compile("created-us=(\\d+)");
    /** The supervisor's line for each Litestream it launches. */
    private static final String LAUNCH_LINE = "STARTING, pid ";
    private static final int STARTUP_RUNS = 5;

    private final String java;
    private final String agent;
    private final String emptyAgent;
    private final String classes;
    private final String litestream;
    private final Path work;
    private final int rate;
    private final int samples;

    private Scale(String[] args) {
        java = args[0];
        agent = args[1];
        emptyAgent = args[2];
        classes = args[3];
        litestream = args[4];
        work = Paths.get(args[5]);
        rate = Integer.parseInt(args[6]);
        samples = Integer.parseInt(args[7]);
    }

    public static void main(String[] args) throws Exception {
        Scale scale = new Scale(args);
        String load = loadAverage();
        StringBuilder rows = new StringBuilder();
        for (String count : Arrays.copyOfRange(args, 9, args.length)) {
            rows.append(scale.measure(Integer.parseInt(count)));
        }
        String table = "# Scale benchmark\n\n"
                + "Run " + LocalDate.now() + " by `bench/scale.sh`: one agent, N databases on file replicas, the host application"
                + " (`bench/src/Writers.java`) committing " + scale.rate + " rows a second to each; load average (1 min) " + load
                + " before, " + loadAverage() + " after, on " + Runtime.getRuntime().availableProcessors() + " CPUs.\n"
                + "*Start-up delay*: main() of a trivial application with the N-database configuration, median of " + STARTUP_RUNS
                + " against an empty agent (restore on start off). *Created*: from launching the host to its main() having"
                + " created every database with its schema (the JVM's start and the application's own work, not the agent's)."
                + " *All open*: from launching the host to Litestream having every database open (seen in /proc/PID/fd, polled"
                + " every 20 ms). *Open after created*: the difference, the part the agent and Litestream add: the schema must stay"
                + " unchanged for `litestream.schema-settle` (1 s) and databases created one after another are handed over"
                + " together, then Litestream starts and opens them at its first monitor tick (1 s). *Launches*: Litestream"
                + " processes the agent had started by then (each further one a restart to add databases). *Lag*: a marker row"
                + " committed by the driver into one database, to the start of the first `litestream restore` that holds it"
                + " (restores run back to back, so the figure is within one restore of the replication lag itself), "
                + scale.samples + " samples spread over the databases, each at a random phase of Litestream's 1 s monitor tick;"
                + " *restore*: the median duration of one such restore, which an end-to-end commit-to-restored figure adds."
                + " *Agent threads*: threads named `litestream-*` in the host.\n\n"
                + "| databases | start-up delay vs empty agent (ms) | created (s) | all open (s) | open after created (s)"
                + " | launches | lag median (s) | lag p95 (s) | restore (s) | Litestream RSS (MiB) | host heap after GC (MiB)"
                + " | host RSS (MiB) | agent threads |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + rows;
        Path output = Paths.get(args[8]);
        String before = Files.exists(output) ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
        int cut = before.indexOf("\n# Scale benchmark");
        Files.write(output, ((cut < 0 ? before : before.substring(0, cut)) + "\n" + table).getBytes(StandardCharsets.UTF_8));
        System.out.print(table);
    }

    private String measure(int count) throws Exception {
        Path dir = work.resolve("n" + count);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path props = dir.resolve("litestream.properties");
        List<String> lines = new ArrayList<>(Collections.singletonList("litestream.bin-path=" + litestream));
        for (int i = 1; i <= count; i++) {
            lines.add("litestream.dbs.d" + i + ".path=" + data.resolve("d" + i + ".db"));
            lines.add("litestream.dbs.d" + i + ".replica.type=file");
            lines.add("litestream.dbs.d" + i + ".replica.path=" + dir.resolve("replica/d" + i));
        }
        Files.write(props, lines, StandardCharsets.UTF_8);
        Path yaml = dir.resolve("litestream.yml");
        Files.write(yaml, exec(dir, "-Dlitestream.config-file=" + props, "-jar", agent, "config").getBytes(StandardCharsets.UTF_8));
        double delay = startupDelay(dir, props);

        System.out.println("== " + count + " databases");
        Path log = dir.resolve("host.log");
        Instant launched = Instant.now();
        Process host = new ProcessBuilder(java, "-javaagent:" + agent + "=config=" + props, "-cp", classes, "Writers",
                data.toString(), Integer.toString(count), Integer.toString(rate))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            double allOpen = awaitAllOpen(host, data, count, launched);
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            long launches = output.lines().filter(l -> l.contains(LAUNCH_LINE)).count();
            Matcher createdAt = CREATED.matcher(output);
            if (!createdAt.find()) {
                throw new IllegalStateException("Litestream had every database open before the host said it created them: " + log);
            }
            double created = (Long.parseLong(createdAt.group(1)) - micros(launched)) / 1e6;
            Thread.sleep(3000);
            List<Double> lags = new ArrayList<>();
            List<Double> restores = new ArrayList<>();
            for (int k = 0; k < samples; k++) {
                int db = 1 + (int) ((long) k * count / samples) % count;
                double[] sample = lag(yaml, data.resolve("d" + db + ".db"), dir.resolve("restored.db"), k);
                lags.add(sample[0]);
                restores.add(sample[1]);
            }
            Collections.sort(lags);
            long litestreamRss = Processes.litestreamChild(host).map(p -> Processes.rss(p.pid())).orElse(0L);
            String jcmd = Paths.get(java).resolveSibling("jcmd").toString();
            exec(dir, jcmd, Long.toString(host.pid()), "GC.run");
            Matcher used = Pattern.compile("used (\\d+)K").matcher(exec(dir, jcmd, Long.toString(host.pid()), "GC.heap_info"));
            long heap = used.find() ? Long.parseLong(used.group(1)) : -1;
            long threads = exec(dir, jcmd, Long.toString(host.pid()), "Thread.print").lines()
                    .filter(l -> l.startsWith("\"litestream-")).count();
            return String.format("| %d | %+.1f | %.2f | %.2f | %.2f | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %d |%n",
                    count, delay, created, allOpen, allOpen - created, launches, lags.get(lags.size() / 2),
                    lags.get((int) Math.ceil(lags.size() * 0.95) - 1), median(restores), litestreamRss / 1024.0,
                    heap / 1024.0, Processes.rss(host.pid()) / 1024.0, threads);
        } finally {
            host.destroy();
            if (!host.waitFor(60, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        }
    }

    /** Median main() start of a trivial application under the agent with this configuration, minus the empty agent's. */
    private double startupDelay(Path dir, Path props) throws Exception {
        List<Double> withAgent = new ArrayList<>();
        List<Double> empty = new ArrayList<>();
        for (int i = 0; i < STARTUP_RUNS + 1; i++) {
            double a = mainStart(dir, "-javaagent:" + agent + "=config=" + props);
            double e = mainStart(dir, "-javaagent:" + emptyAgent);
            if (i > 0) {
                withAgent.add(a);
                empty.add(e);
            }
        }
        return median(withAgent) - median(empty);
    }

    private double mainStart(Path dir, String agentArg) throws Exception {
        Instant launched = Instant.now();
        Matcher entry = MAIN_ENTRY.matcher(exec(dir, agentArg, "-cp", classes, "Trivial", "halt"));
        if (!entry.find()) {
            throw new IllegalStateException("no main-entry line from " + agentArg);
        }
        return (Long.parseLong(entry.group(1)) - micros(launched)) / 1e3;
    }

    private double awaitAllOpen(Process host, Path data, int count, Instant launched) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            Optional<ProcessHandle> child = Processes.litestreamChild(host);
            if (child.isPresent() && openDatabases(child.get(), data) >= count) {
                return (micros(Instant.now()) - micros(launched)) / 1e6;
            }
            if (System.nanoTime() > deadline || !host.isAlive()) {
                throw new IllegalStateException("Litestream did not open all " + count + " databases; see " + data.getParent());
            }
            Thread.sleep(20);
        }
    }

    private static long openDatabases(ProcessHandle process, Path data) {
        File[] fds = new File("/proc/" + process.pid() + "/fd").listFiles();
        if (fds == null) {
            return 0;
        }
        return Arrays.stream(fds).map(fd -> {
            try {
                return fd.toPath().toRealPath().toString();
            } catch (IOException closed) {
                return "";
            }
        }).filter(p -> p.startsWith(data.toString()) && p.endsWith(".db")).distinct().count();
    }

    /**
     * Commits a marker row, then restores back to back until a restore holds it: seconds from the commit to the
     * start of that restore, and that restore's own duration.
     */
    private double[] lag(Path yaml, Path db, Path out, int id) throws Exception {
        Thread.sleep(new Random(id).nextInt(1000));
        String mark = "mark-" + id + "-" + System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO rows (data) VALUES (?)")) {
                insert.setString(1, mark);
                insert.executeUpdate();
            }
        }
        long t = System.nanoTime();
        while (true) {
            for (String suffix : Arrays.asList("", "-wal", "-shm", ".tmp-wal", ".tmp-shm")) {
                Files.deleteIfExists(Paths.get(out + suffix));
            }
            long restoreStart = System.nanoTime();
            new ProcessBuilder(litestream, "restore", "-config", yaml.toString(), "-o", out.toString(), db.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            long restoreEnd = System.nanoTime();
            if (Files.exists(out) && contains(out, mark)) {
                return new double[] {(restoreStart - t) / 1e9, (restoreEnd - restoreStart) / 1e9};
            }
            if (System.nanoTime() - t > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException(mark + " not restorable within 60 s");
            }
        }
    }

    private static boolean contains(Path file, String mark) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM rows WHERE data = ?")) {
            s.setString(1, mark);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) == 1;
            }
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Runs {@code java ARGS} (or a JDK tool when the first argument is one's path) in dir; its output. */
    private String exec(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (!args[0].endsWith("jcmd")) {
            command.add(java);
        }
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("scale", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static String loadAverage() {
        try {
            return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.UTF_8).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
