import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The start-up benchmark's driver (bench/run.sh runs it): launches the trivial application
 * under each configuration, interleaved (each round in a random order) so that machine noise hits all
 * alike, and reports medians as a Markdown table.
 *
 * <pre>java -cp bench/target/classes Bench JAVA CLASSES RUNS OUTPUT.md SPEC ...</pre>
 * A SPEC is one of
 * <ul>
 * <li>{@code NAME=JVM-ARG}: a row of the start-up table (no JVM argument: {@code NAME=});
 * <li>{@code restore:NAME@DIR=JVM-ARG}: a row of the restore-on-start table; DIR (the databases'
 * directory, may be left out with the {@code @}) is emptied before every run, and the application
 * halts at main() so that no final sync writes to the replicas the next run restores from;
 * <li>{@code script:NAME@DIR=SCRIPT}: a row of the restore-on-start table timed from launching
 * {@code bash SCRIPT} to its exit, DIR emptied before every run as above;
 * <li>{@code cli:NAME=ARGS}: a row of the CLI latency table, {@code JAVA ARGS} (split at spaces) timed from
 * launch to exit, beside the same loop's "no agent" JVM (the trivial application: an empty main()).
 * <li>{@code spring:NAME@DIR=ARGS}: a row of the Spring Boot table, {@code JAVA ARGS} (split at spaces), timed by
 * Spring's own "process running for" (JVM start to the context ready), DIR emptied before every run.
 * </ul>
 * Every run's CPU time (user + sys of the child, from this process's /proc/self/stat) is reported as a mean:
 * the machine is shared, and CPU time is what a configuration costs whatever the other load.
 * The first {@code restore:} row is the one the others in its table are compared with.
 */
public final class Bench {
    private static final Pattern MAIN_ENTRY = Pattern.compile("main-entry-us=(\\d+)");
    private static final Pattern SPRING_STARTED = Pattern.compile("process running for ([0-9.]+)");
    private static final int WARM_UP = 2;

    private Bench() {
    }

    /** Which table a configuration's row goes to, and how its run is timed. */
    private enum Kind { STARTUP, RESTORE, SCRIPT, CLI, SPRING }

    /** One configuration: its command, and the directory emptied before each of its runs (or null). */
    private static final class Configuration {
        final Kind kind;
        final List<String> command;
        final Path fresh;

        Configuration(Kind kind, List<String> command, Path fresh) {
            this.kind = kind;
            this.command = command;
            this.fresh = fresh;
        }
    }

    public static void main(String[] args) throws Exception {
        String java = args[0];
        String classes = args[1];
        int runs = Integer.parseInt(args[2]);
        Path output = Paths.get(args[3]);
        Map<String, Configuration> configurations = new LinkedHashMap<>();
        for (String spec : Arrays.copyOfRange(args, 4, args.length)) {
            Kind kind = spec.startsWith("restore:") ? Kind.RESTORE : spec.startsWith("script:") ? Kind.SCRIPT
                    : spec.startsWith("cli:") ? Kind.CLI : spec.startsWith("spring:") ? Kind.SPRING : Kind.STARTUP;
            String body = kind == Kind.STARTUP ? spec : spec.substring(spec.indexOf(':') + 1);
            String head = body.substring(0, body.indexOf('='));
            String arg = body.substring(body.indexOf('=') + 1);
            String name = head.contains("@") ? head.substring(0, head.indexOf('@')) : head;
            String dir = head.contains("@") ? head.substring(head.indexOf('@') + 1) : "";
            List<String> command = new ArrayList<>();
            if (kind == Kind.SCRIPT) {
                command.addAll(List.of("bash", arg));
            } else if (kind == Kind.CLI || kind == Kind.SPRING) {
                command.add(java);
                command.addAll(Arrays.asList(arg.split(" ")));
            } else {
                command.add(java);
                if (!arg.isEmpty()) {
                    command.add(arg);
                }
                command.addAll(List.of("-cp", classes, "Trivial"));
                if (kind == Kind.RESTORE) {
                    command.add("halt");
                }
            }
            configurations.put(name, new Configuration(kind, command, dir.isEmpty() ? null : Paths.get(dir)));
        }

        String loadBefore = loadAverage();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<Double>> mainStart = new LinkedHashMap<>();
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        // Each round in its own order: in a fixed one, each configuration always ran right after the same other
        // (BEFORE_AGENT's rows after the Spring Boot JVMs, the agent's after the empty agent's trivial one).
        Random order = new Random(1);
        for (int round = -WARM_UP; round < runs; round++) {
            List<Map.Entry<String, Configuration>> shuffled = new ArrayList<>(configurations.entrySet());
            Collections.shuffle(shuffled, order);
            for (Map.Entry<String, Configuration> configuration : shuffled) {
                String name = configuration.getKey();
                if (failures.containsKey(name)) {
                    continue;
                }
                try {
                    empty(configuration.getValue().fresh);
                    double cpuBefore = childCpuMs();
                    double[] sample = launch(configuration.getValue());
                    if (round >= 0) {
                        mainStart.computeIfAbsent(name, k -> new ArrayList<>()).add(sample[0]);
                        wall.computeIfAbsent(name, k -> new ArrayList<>()).add(sample[1]);
                        cpu.computeIfAbsent(name, k -> new ArrayList<>()).add(childCpuMs() - cpuBefore);
                    }
                } catch (IllegalStateException e) {
                    failures.put(name, e.getMessage());
                    System.err.println("bench: " + name + " does not run, reported as n/a: " + e.getMessage());
                }
            }
        }
        String load = "load average (1 min) " + loadBefore + " before, " + loadAverage() + " after";
        String table = table(configurations, mainStart, wall, cpu, failures, runs, java, load)
                + restoreTable(configurations, mainStart, wall, failures) + cliTable(configurations, wall, cpu)
                + springTable(configurations, mainStart, cpu);
        // The operations and scale sections stay as they are: Ops and Scale each rewrite their own.
        String before = Files.exists(output) ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
        int later = before.indexOf("\n# Operations benchmark");
        if (later < 0) {
            later = before.indexOf("\n# Scale benchmark");
        }
        Files.write(output, (table + (later < 0 ? "" : before.substring(later))).getBytes(StandardCharsets.UTF_8));
        System.out.print(table);
    }

    /** Deletes everything in dir (not dir itself): the databases a restore on start would bring back. */
    private static void empty(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                if (!path.equals(dir)) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * One run: milliseconds from launching to main() entry (for a SCRIPT: to its exit),
     * and to the process's exit.
     */
    private static double[] launch(Configuration configuration) throws IOException, InterruptedException {
        File log = File.createTempFile("bench", ".log");
        try {
            Instant launched = Instant.now();
            long start = System.nanoTime();
            Process process = new ProcessBuilder(configuration.command).redirectErrorStream(true).redirectOutput(log).start();
            int exit = process.waitFor();
            double wallMs = (System.nanoTime() - start) / 1e6;
            String output = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
            if (configuration.kind == Kind.SCRIPT || configuration.kind == Kind.CLI) {
                if (exit != 0) {
                    throw new IllegalStateException("exit " + exit + ": " + firstLine(output));
                }
                return new double[] {wallMs, wallMs};
            }
            if (configuration.kind == Kind.SPRING) {
                Matcher started = SPRING_STARTED.matcher(output);
                if (exit != 0 || !started.find()) {
                    throw new IllegalStateException("exit " + exit + ": " + firstLine(output));
                }
                return new double[] {Double.parseDouble(started.group(1)) * 1000, wallMs};
            }
            Matcher entry = MAIN_ENTRY.matcher(output);
            if (exit != 0 || !entry.find()) {
                throw new IllegalStateException("exit " + exit + ": " + firstLine(output));
            }
            long launchedUs = launched.getEpochSecond() * 1_000_000L + launched.getNano() / 1_000;
            return new double[] {(Long.parseLong(entry.group(1)) - launchedUs) / 1e3, wallMs};
        } finally {
            log.delete();
        }
    }

    private static String table(Map<String, Configuration> configurations, Map<String, List<Double>> mainStart,
            Map<String, List<Double>> wall, Map<String, List<Double>> cpu, Map<String, String> failures, int runs,
            String java, String load)
            throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# Start-up benchmark\n\n")
                .append("Run ").append(LocalDate.now()).append(" by `bench/run.sh`: ").append(runs)
                .append(" interleaved runs per configuration (both tables in one loop, each round in its own random order) after ").append(WARM_UP)
                .append(" warm-up rounds, medians.\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(javaVersion(java)).append(", ").append(load)
                .append(" (a shared machine: absolute figures vary with its load, differences measured side by side much less).\n\n")
                .append("*main() starts at*: from launching `java` to the first line of `main`. ")
                .append("*JVM wall time*: from launching `java` to the process's exit (the agent's shutdown included). ")
                .append("*CPU*: user + sys of the whole JVM, every thread, mean of the runs (what the agent costs whatever the machine's other load).\n")
                .append("The agent's own cost is the difference to the empty agent: any `-javaagent` costs start-up time by itself.\n")
                .append("The trivial application ends a few milliseconds after main() starts, before the agent's thread has started Litestream,"
                        + " so its wall time holds no Litestream start-up nor final sync; a longer-lived application pays Litestream's graceful stop at exit.\n\n")
                .append("| configuration | main() starts at (ms) | JVM wall time (ms) | CPU (ms) | vs empty agent: main() / wall / CPU (ms) |\n")
                .append("|---|---:|---:|---:|---:|\n");
        Double emptyStart = median(mainStart.get("empty agent"));
        Double emptyWall = median(wall.get("empty agent"));
        Double emptyCpu = mean(cpu.get("empty agent"));
        for (Map.Entry<String, Configuration> configuration : configurations.entrySet()) {
            String name = configuration.getKey();
            if (configuration.getValue().kind != Kind.STARTUP) {
                continue;
            }
            Double start = median(mainStart.get(name));
            Double total = median(wall.get(name));
            Double used = mean(cpu.get(name));
            String versus = start == null || emptyStart == null || "empty agent".equals(name) || "no agent".equals(name)
                    ? "" : String.format("%+.1f / %+.1f / %+.1f", start - emptyStart, total - emptyWall, used - emptyCpu);
            md.append("| ").append(name).append(" | ").append(format(start)).append(" | ").append(format(total))
                    .append(" | ").append(format(used)).append(" | ").append(versus).append(" |\n");
        }
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            md.append("\n*").append(failure.getKey()).append("*: n/a, it did not run (").append(failure.getValue()).append(").\n");
        }
        return md.toString();
    }

    /** The restore-on-start rows beside the same run's "no agent" and "empty agent", and beside the first of them. */
    private static String restoreTable(Map<String, Configuration> configurations, Map<String, List<Double>> mainStart,
            Map<String, List<Double>> wall, Map<String, String> failures) {
        String reference = null;
        for (Map.Entry<String, Configuration> configuration : configurations.entrySet()) {
            if (configuration.getValue().kind == Kind.RESTORE) {
                reference = configuration.getKey();
                break;
            }
        }
        if (reference == null) {
            return "";
        }
        Double referenceStart = median(mainStart.get(reference));
        Double emptyStart = median(mainStart.get("empty agent"));
        Double noAgentStart = median(mainStart.get("no agent"));
        StringBuilder md = new StringBuilder("\n## Restore on start, 20 databases\n\n")
                .append("The same loop as above, with `litestream.restore-on-start=true` (up to 8 restores at once before main())")
                .append(" and 20 databases of about 150 kB each on file replicas; the application halts at main(), so only main() is timed.")
                .append(" The replicas were made beforehand by the real Litestream (`litestream replicate -exec \"sleep 2\"`).")
                .append(" *missing*: every database file is deleted before each run, so all 20 are restored;")
                .append(" *first deploy*: the files are deleted and there is no replica; the agent sees the empty replica directories")
                .append(" itself and starts no Litestream (the bare rows show what asking Litestream would cost).")
                .append(" The bare rows run the pinned binary 20 times with the agent's restore command (`xargs`, one after another or 8 at a time),")
                .append(" timed from launch to exit: one after another is what restoring one at a time would add before main(),")
                .append(" 8 at a time is the agent's parallelism without the JVM; *the agent's Go settings*: with `GOGC=off GOMEMLIMIT=64MiB`,")
                .append(" as the agent runs its restores (no collection in a short restore), the fair floor for the agent's row;")
                .append(" `litestream version` is a process spawn and the Go runtime's start alone.\n\n")
                .append("| configuration | main() starts at (ms) | vs no agent (ms) | vs empty agent (ms) | added before main() vs `")
                .append(reference).append("` (ms) |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Configuration> configuration : configurations.entrySet()) {
            String name = configuration.getKey();
            Kind kind = configuration.getValue().kind;
            Double start = median(mainStart.get(name));
            if (kind == Kind.RESTORE) {
                md.append("| ").append(name).append(" | ").append(format(start)).append(" | ")
                        .append(difference(start, noAgentStart)).append(" | ").append(difference(start, emptyStart)).append(" | ")
                        .append(name.equals(reference) ? "" : difference(start, referenceStart)).append(" |\n");
            } else if (kind == Kind.SCRIPT) {
                md.append("| ").append(name).append(" | | | | ").append(format(median(wall.get(name)))).append(" (wall) |\n");
            }
        }
        return md.toString();
    }

    /** The CLI rows beside a JVM that runs an empty main() ("no agent"), in the same loop. */
    private static String cliTable(Map<String, Configuration> configurations, Map<String, List<Double>> wall,
            Map<String, List<Double>> cpu) {
        Double baseWall = median(wall.get("no agent"));
        Double baseCpu = mean(cpu.get("no agent"));
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, Configuration> configuration : configurations.entrySet()) {
            String name = configuration.getKey();
            if (configuration.getValue().kind != Kind.CLI) {
                continue;
            }
            if (md.length() == 0) {
                md.append("\n## CLI latency\n\n")
                        .append("`java -jar litestream-agent.jar COMMAND` with the start-up table's one-database configuration")
                        .append(" (`-Dlitestream.config-file`), launch to exit, in the same interleaved loop; the baseline is that")
                        .append(" loop's *no agent* JVM, which runs an empty main(): wall ").append(format(baseWall))
                        .append(" ms, CPU ").append(format(baseCpu)).append(" ms. The binary's version is known from the cache")
                        .append(" directory after the first run (the warm-up), as for any user after their first command.")
                        .append(" What each does: `help` and `--version` load the configuration and find the binary, no more;")
                        .append(" `config` also renders the Litestream YAML (SnakeYAML); `databases` renders it and runs Litestream,")
                        .append(" `version` runs Litestream without a config (a process spawn and a Go runtime start each).\n\n")
                        .append("| command | wall (ms) | CPU (ms) | wall / empty main() | CPU / empty main() |\n")
                        .append("|---|---:|---:|---:|---:|\n");
            }
            Double total = median(wall.get(name));
            Double used = mean(cpu.get(name));
            md.append("| ").append(name).append(" | ").append(format(total)).append(" | ").append(format(used)).append(" | ")
                    .append(ratio(total, baseWall)).append(" | ").append(ratio(used, baseCpu)).append(" |\n");
        }
        return md.toString();
    }

    /** The Spring Boot rows: JVM start to the context ready, beside the first of them (no agent). */
    private static String springTable(Map<String, Configuration> configurations, Map<String, List<Double>> started,
            Map<String, List<Double>> cpu) {
        StringBuilder md = new StringBuilder();
        Double baseline = null;
        Double baselineCpu = null;
        for (Map.Entry<String, Configuration> configuration : configurations.entrySet()) {
            String name = configuration.getKey();
            if (configuration.getValue().kind != Kind.SPRING) {
                continue;
            }
            Double start = median(started.get(name));
            Double used = mean(cpu.get(name));
            if (md.length() == 0) {
                baseline = start;
                baselineCpu = used;
                md.append("\n## Spring Boot start\n\n")
                        .append("The Spring Boot example (`examples/spring-boot`: web, JPA, Flyway, one SQLite database) in its batch mode")
                        .append(" with `--notes=0`, a new database each run, in the same interleaved loop. *Started*: Spring's own")
                        .append(" \"process running for\" (JVM start to the context ready), median. *CPU*: the whole run, the agent's")
                        .append(" Litestream start and final sync at exit included, mean.\n\n")
                        .append("| configuration | started (ms) | vs first row (ms) | CPU (ms) | vs first row (ms) |\n")
                        .append("|---|---:|---:|---:|---:|\n");
            }
            md.append("| ").append(name).append(" | ").append(format(start)).append(" | ").append(difference(start, baseline))
                    .append(" | ").append(format(used)).append(" | ").append(difference(used, baselineCpu)).append(" |\n");
        }
        return md.toString();
    }

    private static String ratio(Double value, Double baseline) {
        return value == null || baseline == null || baseline == 0 ? "n/a" : String.format("%.1f×", value / baseline);
    }

    /** CPU time (user + sys) of this process's waited-for children so far, in ms; the kernel counts it in 10 ms ticks. */
    private static double childCpuMs() throws IOException {
        String stat = new String(Files.readAllBytes(Paths.get("/proc/self/stat")), StandardCharsets.UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is stat's 3rd field (state): cutime and cstime are its 16th and 17th
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10.0;
    }

    private static Double mean(List<Double> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (double sample : samples) {
            sum += sample;
        }
        return sum / samples.size();
    }

    private static String difference(Double value, Double baseline) {
        return value == null || baseline == null ? "n/a" : String.format("%+.1f", value - baseline);
    }

    private static String loadAverage() {
        try {
            return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.UTF_8).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static Double median(List<Double> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(Double ms) {
        return ms == null ? "n/a" : String.format("%.1f", ms);
    }

    private static String firstLine(String output) {
        String trimmed = output.trim();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).replace('|', '/');
    }

    private static String javaVersion(String java) throws IOException, InterruptedException {
        Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor();
        String[] lines = text.trim().split("\n");
        return lines.length > 1 ? lines[1].trim() : lines[0].trim();
    }
}
