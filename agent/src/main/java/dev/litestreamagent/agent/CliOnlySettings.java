package dev.litestreamagent.agent;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.settings.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settings only the CLI's {@code replicate} can honour, refused by the agent rather than dropped: a
 * {@code litestream.exec} command (the agent runs Litestream with its own {@code -exec} watchdog, which
 * replaces it) and directory entries (the agent's restore on start, schema-settle hold, lock, verify and
 * health all work on database files it knows).
 */
final class CliOnlySettings {
    private CliOnlySettings() {
    }

    /** Why the agent cannot start with {@code config}, one line per setting; empty when it can. */
    static Optional<String> problem(AgentConfig config) {
        List<String> lines = new ArrayList<>();
        // the command's text is a secret: never shown
        config.exec().ifPresent(command -> lines.add(Keys.EXEC.name() + ": was set (****), expected no exec command"
                + " under the agent: the agent runs Litestream with its own -exec (which ends Litestream with the"
                + " JVM) and that replaces this one, which would never run; it is for the CLI's replicate"));
        for (DatabaseConfig db : config.directories()) {
            lines.add(Keys.DB_DIR.nameFor(db.alias()) + ": was \"" + db.path() + "\", expected a database file"
                    + " (" + Keys.DB_PATH.nameFor(db.alias()) + " or .url) under the agent: restore on start, the"
                    + " schema-settle hold, the one-replicator lock, verify and health work per file, and the agent"
                    + " knows no file of a directory entry; replicate a directory with the CLI's replicate");
        }
        return lines.isEmpty() ? Optional.empty()
                : Optional.of("Settings for the CLI's replicate only:\n" + String.join("\n", lines));
    }
}
