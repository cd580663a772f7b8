package dev.litestreamagent.runtime;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.DatabaseConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Which databases a start would restore: marked for it and missing. Asked before main() on every
 * start with restore on start, so it touches nothing costly in a cold JVM (no logging, which
 * initialises SLF4J: tens of milliseconds before main() when every database is present).
 */
public final class RestoreCandidates {
    private RestoreCandidates() {
    }

    public static List<DatabaseConfig> of(AgentConfig config) {
        List<DatabaseConfig> missing = new ArrayList<>();
        for (DatabaseConfig db : config.databases()) {
            if (db.restoreOnStart() && !Files.exists(db.path())) {
                missing.add(db);
            }
        }
        return missing;
    }
}
