package dev.litestreamagent.agent.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/** The agent's log threshold: {@code -Dlitestream.log-level=debug|info|warn|error} (default info). */
final class LogLevel {
    static final String PROPERTY = "litestream.log-level";

    private LogLevel() {
    }

    static Level threshold() {
        String value = System.getProperty(PROPERTY, "info").trim().toUpperCase(Locale.ROOT);
        for (Level level : Level.values()) {
            if (level.name().equals(value)) {
                return level;
            }
        }
        System.err.println(AgentLogger.PREFIX + " WARN " + PROPERTY + ": was \"" + value
                + "\", expected one of trace, debug, info, warn, error; using info");
        return Level.INFO;
    }
}
