package dev.litestreamagent.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Litestream processes on this machine, found through their command lines. */
final class LitestreamProcesses {
    private LitestreamProcesses() {
    }

    /** Live {@code litestream replicate} processes whose config mentions the database's folder (or is gone). */
    static List<Long> replicating(Path db) {
        String folder = db.getParent().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("litestream")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && "replicate".equals(a[0])).orElse(false))
                .filter(p -> configMentions(p, folder))
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
    }

    private static boolean configMentions(ProcessHandle process, String folder) {
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if ("-config".equals(args[i])) {
                try {
                    return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(args[i + 1]))).contains(folder);
                } catch (java.io.IOException e) {
                    return true; // config already removed: cannot tell, so count it
                }
            }
        }
        return false;
    }
}
