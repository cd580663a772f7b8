package dev.litestreamagent.e2e;

import dev.litestreamagent.testing.TestBinary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Figures per scenario and replica, appended to {@code agent/target/stop-results.tsv} for the
 * docs; locked while written, so test JVMs running side by side each add whole lines.
 */
final class StopResults {
    private static final String HEADER = "scenario\tapp\tlaunch\tstop\treplica\truns\tacked\tmissing"
            + "\truns_losing_rows\truns_leaving_litestream\truns_failed\tjava\tfinished\n";

    private StopResults() {
    }

    static Path file() {
        return TestBinary.projectRoot().resolve("agent/target/stop-results.tsv");
    }

    static void record(StopScenario scenario, ReplicaKind replica, List<StopOutcome> outcomes) throws IOException {
        String line = String.join("\t", scenario.name(), scenario.app().name(), scenario.launch().name(),
                scenario.stop().name(), replica.name(),
                Integer.toString(outcomes.size()),
                Long.toString(outcomes.stream().mapToLong(StopOutcome::acked).sum()),
                Long.toString(outcomes.stream().mapToLong(o -> o.missing().size()).sum()),
                Long.toString(outcomes.stream().filter(o -> !o.missing().isEmpty()).count()),
                Long.toString(outcomes.stream().filter(o -> !o.leftovers().isEmpty()).count()),
                Long.toString(outcomes.stream().filter(o -> !o.ok()).count()),
                javaVersion(),
                Instant.now().toString()) + "\n";
        Path file = file();
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            String text = channel.size() == 0 ? HEADER + line : line;
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The application JVM's version (the tests may run them on another JDK than their own), or its path. */
    private static String javaVersion() {
        Path release = TestBinary.java().getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // a JDK without a release file: its path says enough
        }
        return TestBinary.java().toString();
    }
}
