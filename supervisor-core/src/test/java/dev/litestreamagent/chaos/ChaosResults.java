package dev.litestreamagent.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Appends one tab-separated line per chaos scenario to {@code target/chaos-results/results.tsv};
 * bench/chaos.sh turns the file into docs/reliability.md.
 */
final class ChaosResults {
    static final Path FILE = Paths.get("target", "chaos-results", "results.tsv");

    private ChaosResults() {
    }

    /**
     * @param lost rows committed before the last successful sync that a restore does not have
     *             ("-" where the scenario cannot define it)
     */
    static void record(String scenario, int committed, int restored, String lost, int strays, String logs,
            Duration duration) throws IOException {
        String line = String.join("\t", clean(scenario), Integer.toString(committed), Integer.toString(restored),
                clean(lost), Integer.toString(strays), clean(logs), String.format("%.1f s", duration.toMillis() / 1000.0))
                + "\n";
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace("|", "/");
    }
}
