import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observability benchmark (bench/run.sh runs it after the operations one; {@code bench/run.sh
 * observe} runs it alone): {@code verify} in sync beside its floor, and what the health endpoint and
 * scheduled verification cost the host JVM. Reuses {@link Ops}'s host application, database and
 * lag measurement.
 *
 * <pre>java -cp bench/target/classes:event-log.jar Observe JAVA AGENT_JAR APP_JAR LITESTREAM WORK_DIR RUNS OUTPUT.md MINUTES</pre>
 */
public final class Observe {
    static final String SECTION = "\n# Observability benchmark";
    private static final long SCRAPE_MS = 5000;
    /** Before the CPU count starts: class loading, JIT and Litestream's start are the same with or without the endpoint. */
    private static final long WARM_UP_MS = 20_000;
    /** The reference row: the same application under an agent whose premain does nothing. */
    private static final String EMPTY_AGENT = "empty agent (no Litestream, the application alone)";

    private final Ops ops;
    private final String java;
    private final Path agent;
    private final Path work;
    private final int runs;
    private final double minutes;

    private Observe(String[] args) {
        ops = new Ops(args);
        java = args[0];
        agent = Paths.get(args[1]);
        work = Paths.get(args[4]);
        runs = Integer.parseInt(args[5]);
        minutes = Double.parseDouble(args[7]);
    }

    public static void main(String[] args) throws Exception {
        String table = new Observe(args).measure();
        Path output = Paths.get(args[6]);
        String before = Files.exists(output) ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
        Files.write(output, Ops.replaceSection(before, SECTION, table).getBytes(StandardCharsets.UTF_8));
        System.out.println(table);
    }

    private String measure() throws Exception {
        ops.prepare();
        List<Double> verify = new ArrayList<>();
        Process host = ops.startHost("-javaagent:" + agent);
        try {
            ops.awaitReplicating(host);
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                Ops.exec(work, 60, java, "-jar", agent.toString(), "verify", "ops");
                verify.add(Ops.seconds(t));
            }
        } finally {
            Ops.stop(host);
        }
        List<Double> jvm = new ArrayList<>();
        String classes = work.resolve("../classes").normalize().toString();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Ops.exec(work, 30, java, "-cp", classes, "Trivial");
            jvm.add(Ops.seconds(t));
        }
        double lag = Ops.median(ops.bareLags(3000));
        double floor = Ops.median(jvm) + lag;

        StringBuilder md = new StringBuilder(SECTION).append("\n\n")
                .append("Run by `bench/run.sh` (`bench/run.sh observe` alone), file replica, Litestream's default 1 s sync on both sides.\n\n")
                .append("| measure | median of ").append(runs).append(" (s) |\n|---|---:|\n")
                .append(String.format("| `verify` in sync, whole command (`java -jar litestream-agent.jar verify ops`) | %.2f |%n", Ops.median(verify)))
                .append(String.format("| floor: an empty main()'s JVM start and exit + bare Litestream's commit to restorable | %.2f |%n", floor))
                .append(String.format("| of which the JVM | %.2f |%n", Ops.median(jvm)))
                .append(String.format("| of which bare `litestream replicate`, commit to restorable | %.2f |%n", lag))
                .append(String.format("| `verify` above the floor | %+.2f |%n", Ops.median(verify) - floor));

        Map<String, List<String>> configurations = new LinkedHashMap<>();
        int port = freePort();
        configurations.put(EMPTY_AGENT, List.of());
        configurations.put("agent, no endpoint (status file only)", List.of());
        configurations.put("agent + `litestream.health.addr`, /health and /metrics scraped every 5 s",
                List.of("litestream.health.addr=127.0.0.1:" + port));
        configurations.put("the same + `litestream.verify.interval=1m`",
                List.of("litestream.health.addr=127.0.0.1:" + port, "litestream.verify.interval=1m"));
        md.append("\nHost cost: the operations benchmark's idle application under the agent, one database; after ")
                .append(WARM_UP_MS / 1000).append(" s of warm-up, ").append(minutes)
                .append(" min measured, CPU (user + system) of the host JVM (Litestream's own process not counted) extrapolated to an hour;")
                .append(" heap used after a full GC (`jcmd GC.run`), live threads and RSS at the end.\n\n")
                .append("| configuration | host CPU (s per hour) | heap after GC (MiB) | threads | host RSS (MiB) |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<String>> c : configurations.entrySet()) {
            md.append("| ").append(c.getKey()).append(" | ").append(hostCost(c.getKey(), c.getValue(), port)).append(" |\n");
        }
        return md.toString();
    }

    /** "cpu | heap | threads | rss" for the host under the agent with {@code extra} settings, or why it could not run. */
    private String hostCost(String name, List<String> extra, int port) throws Exception {
        Path properties = work.resolve("observe.properties");
        List<String> lines = new ArrayList<>(Files.readAllLines(work.resolve("litestream.properties")));
        lines.addAll(extra);
        Files.write(properties, lines, StandardCharsets.UTF_8);
        try {
            Ops.exec(work, 60, java, "-Dlitestream.config-file=" + properties, "-jar", agent.toString(), "config");
        } catch (IllegalStateException unknownKey) { // a key this build does not have (e.g. before scheduled verification)
            // Each row adds one setting to the row before: the last one is what this build lacks.
            return "n/a: this build's `config` refuses `" + extra.get(extra.size() - 1) + "` | | |";
        }
        boolean empty = name.equals(EMPTY_AGENT);
        Process host = ops.startHost("-javaagent:" + (empty ? work.resolve("../empty-agent.jar").normalize()
                : agent + "=config=" + properties));
        try {
            if (!empty) {
                ops.awaitReplicating(host);
            }
            boolean scrape = extra.stream().anyMatch(l -> l.startsWith("litestream.health.addr="));
            Thread.sleep(WARM_UP_MS);
            double cpu0 = cpuSeconds(host.pid());
            long t = System.nanoTime();
            long end = t + (long) (minutes * 60e9);
            while (System.nanoTime() < end) {
                if (scrape) {
                    get("http://127.0.0.1:" + port + "/health");
                    get("http://127.0.0.1:" + port + "/metrics");
                }
                Thread.sleep(SCRAPE_MS);
            }
            double perHour = (cpuSeconds(host.pid()) - cpu0) / Ops.seconds(t) * 3600;
            int threads = threads(host.pid());
            long[] memory = ops.memory(host);
            return String.format("%.1f | %.1f | %d | %.1f", perHour, memory[1] / 1024.0, threads, memory[0] / 1024.0);
        } finally {
            Ops.stop(host);
        }
    }

    /** utime + stime of the process, in seconds (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")), StandardCharsets.UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        return -1;
    }

    private static void get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        int code = connection.getResponseCode();
        try (InputStream body = code < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        if (code != 200 && code != 503) {
            throw new IllegalStateException(url + " answered " + code);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
