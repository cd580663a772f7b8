package dev.litestreamagent.supervisor.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages by which the supervisor follows Litestream: an upload to a replica begun and
 * finished, a database initialized. They are Litestream's wording, so they differ per version:
 * the dialect supplies them. Failures are read from the level (ERROR), not from a message.
 * Immutable.
 */
public final class LogMarkers {
    private final List<String> uploadBegun;
    private final List<String> uploadDone;
    private final List<String> dbInitialized;
    private final List<String> generationReset;

    private LogMarkers(List<String> uploadBegun, List<String> uploadDone, List<String> dbInitialized,
            List<String> generationReset) {
        this.uploadBegun = uploadBegun;
        this.uploadDone = uploadDone;
        this.dbInitialized = dbInitialized;
        this.generationReset = generationReset;
    }

    /**
     * Markers are message prefixes: Litestream's text lines carry the fields after the message.
     * {@code generationReset}: Litestream gave up continuing its backup history and starts a new one.
     */
    public static LogMarkers of(List<String> uploadBegun, List<String> uploadDone, List<String> dbInitialized,
            List<String> generationReset) {
        return new LogMarkers(copy(uploadBegun), copy(uploadDone), copy(dbInitialized), copy(generationReset));
    }

    boolean uploadBegun(String text) {
        return startsWithAny(text, uploadBegun);
    }

    boolean uploadDone(String text) {
        return startsWithAny(text, uploadDone);
    }

    boolean dbInitialized(String text) {
        return startsWithAny(text, dbInitialized);
    }

    boolean generationReset(String text) {
        return startsWithAny(text, generationReset);
    }

    private static boolean startsWithAny(String text, List<String> messages) {
        for (String message : messages) {
            if (text.startsWith(message)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> copy(List<String> messages) {
        return Collections.unmodifiableList(new ArrayList<>(messages));
    }

    @Override
    public String toString() {
        return "LogMarkers[uploadBegun=" + uploadBegun + ", uploadDone=" + uploadDone + ", dbInitialized="
                + dbInitialized + ", generationReset=" + generationReset + "]";
    }
}
