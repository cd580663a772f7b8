package dev.litestreamagent.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Litestream processes on this machine, found through their command lines. */
final class LitestreamProcesses {
    private LitestreamProcesses() {
    }

    /** Live {@code litestream replicate} processes whose config mentions the database's folder (or is gone). */
    static List<Long> replicating(Path db) {
        String folder = db.getParent().toString();
        return replicators()
                .filter(p -> configMentions(p, folder, true))
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
    }

    /**
     * Live {@code litestream replicate} processes of one run: an argument (the config file, when
     * the JVM's {@code java.io.tmpdir} is in {@code folder}) or their config names the folder. A
     * process whose config is already gone and whose arguments do not name it is another run's.
     */
    static List<Long> ofRun(Path folder) {
        String name = folder.toString();
        return replicators()
                .filter(p -> Arrays.stream(p.info().arguments().orElse(new String[0])).anyMatch(a -> a.contains(name))
                        || configMentions(p, name, false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
    }

    private static java.util.stream.Stream<ProcessHandle> replicators() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("litestream")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && "replicate".equals(a[0])).orElse(false));
    }

    private static boolean configMentions(ProcessHandle process, String folder, boolean whenGone) {
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if ("-config".equals(args[i])) {
                try {
                    return new String(Files.readAllBytes(Paths.get(args[i + 1])), StandardCharsets.UTF_8).contains(folder);
                } catch (IOException e) {
                    return whenGone; // config already removed: cannot tell
                }
            }
        }
        return false;
    }
}
