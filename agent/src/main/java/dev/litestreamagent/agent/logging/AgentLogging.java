package dev.litestreamagent.agent.logging;

import dev.litestreamagent.settings.Keys;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The agent's log threshold: {@code litestream.log-level} (trace, debug, info, warn, error).
 * Read from the system property at first use, then set from the loaded configuration, which
 * validated the value.
 */
public final class AgentLogging {
    private static volatile Level threshold = parse(System.getProperty(Keys.LOG_LEVEL.name()));

    private AgentLogging() {
    }

    public static void threshold(String level) {
        threshold = parse(level);
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    private static Level parse(String value) {
        if (value != null) {
            for (Level level : Level.values()) {
                if (level.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        return Level.INFO;
    }
}
