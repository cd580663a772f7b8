import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Optional;

/** What the benchmarks read about a running process from /proc: shared by Ops and Scale. */
final class Processes {
    private Processes() {
    }

    /** The Litestream the host's agent runs, if any now. */
    static Optional<ProcessHandle> litestreamChild(Process host) {
        return host.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/litestream")).orElse(false)).findFirst();
    }

    /** Resident set size in kB, 0 once the process is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            // ended meanwhile
        }
        return 0;
    }
}
