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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start-up benchmark's driver (bench/run.sh runs it): launches the trivial application
 * under each configuration, interleaved so that machine noise hits all alike, and reports
 * medians as a Markdown table.
 *
 * <pre>java -cp bench/target/classes Bench JAVA CLASSES RUNS OUTPUT.md NAME=JVM-ARG ...</pre>
 * A configuration with no JVM argument is written {@code NAME=}.
 */
public final class Bench {
    private static final Pattern MAIN_ENTRY = Pattern.compile("main-entry-us=(\\d+)");
    private static final int WARM_UP = 2;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String java = args[0];
        String classes = args[1];
        int runs = Integer.parseInt(args[2]);
        Path output = Paths.get(args[3]);
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        for (String spec : Arrays.copyOfRange(args, 4, args.length)) {
            String name = spec.substring(0, spec.indexOf('='));
            String jvmArg = spec.substring(spec.indexOf('=') + 1);
            List<String> command = new ArrayList<>(List.of(java));
            if (!jvmArg.isEmpty()) {
                command.add(jvmArg);
            }
            command.addAll(List.of("-cp", classes, "Trivial"));
            configurations.put(name, command);
        }

        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<Double>> mainStart = new LinkedHashMap<>();
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        for (int round = -WARM_UP; round < runs; round++) {
            for (Map.Entry<String, List<String>> configuration : configurations.entrySet()) {
                String name = configuration.getKey();
                if (failures.containsKey(name)) {
                    continue;
                }
                try {
                    double[] sample = launch(configuration.getValue());
                    if (round >= 0) {
                        mainStart.computeIfAbsent(name, k -> new ArrayList<>()).add(sample[0]);
                        wall.computeIfAbsent(name, k -> new ArrayList<>()).add(sample[1]);
                    }
                } catch (IllegalStateException e) {
                    failures.put(name, e.getMessage());
                    System.err.println("bench: " + name + " does not run, reported as n/a: " + e.getMessage());
                }
            }
        }
        String table = table(configurations.keySet(), mainStart, wall, failures, runs, java);
        Files.write(output, table.getBytes(StandardCharsets.UTF_8));
        System.out.print(table);
    }

    /** One run: milliseconds from launching the JVM to main() entry, and to the JVM's exit. */
    private static double[] launch(List<String> command) throws IOException, InterruptedException {
        File log = File.createTempFile("bench", ".log");
        try {
            Instant launched = Instant.now();
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            int exit = process.waitFor();
            double wallMs = (System.nanoTime() - start) / 1e6;
            String output = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
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

    private static String table(Iterable<String> names, Map<String, List<Double>> mainStart, Map<String, List<Double>> wall,
            Map<String, String> failures, int runs, String java) throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# Start-up benchmark\n\n")
                .append("Run ").append(LocalDate.now()).append(" by `bench/run.sh`: ").append(runs)
                .append(" interleaved runs per configuration after ").append(WARM_UP).append(" warm-up rounds, medians.\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(javaVersion(java)).append(".\n\n")
                .append("*main() starts at*: from launching `java` to the first line of `main`. ")
                .append("*JVM wall time*: from launching `java` to the process's exit (the agent's shutdown included).\n")
                .append("The agent's own cost is the difference to the empty agent: any `-javaagent` costs start-up time by itself.\n")
                .append("The trivial application ends a few milliseconds after main() starts, before the agent's thread has started Litestream,"
                        + " so its wall time holds no Litestream start-up nor final sync; a longer-lived application pays Litestream's graceful stop at exit.\n\n")
                .append("| configuration | main() starts at (ms) | JVM wall time (ms) | vs empty agent: main() / wall (ms) |\n")
                .append("|---|---:|---:|---:|\n");
        Double emptyStart = median(mainStart.get("empty agent"));
        Double emptyWall = median(wall.get("empty agent"));
        for (String name : names) {
            Double start = median(mainStart.get(name));
            Double total = median(wall.get(name));
            String versus = start == null || emptyStart == null || "empty agent".equals(name) || "no agent".equals(name)
                    ? "" : String.format("%+.1f / %+.1f", start - emptyStart, total - emptyWall);
            md.append("| ").append(name).append(" | ").append(format(start)).append(" | ").append(format(total))
                    .append(" | ").append(versus).append(" |\n");
        }
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            md.append("\n*").append(failure.getKey()).append("*: n/a, it did not run (").append(failure.getValue()).append(").\n");
        }
        return md.toString();
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
