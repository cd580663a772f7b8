package dev.litestreamagent.supervisor.log;

import java.util.Collections;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One line of Litestream output with its level: {@code logging.type: json} lines
 * ({@code {"time":..,"level":"INFO","msg":..}}), the default text lines
 * ({@code time=.. level=INFO msg=".."}), or anything else (INFO, as printed; ERROR for the
 * first line of a Go crash).
 */
public final class LitestreamLine {
    /** Litestream's levels; anything unknown is logged at INFO. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private final Level level;
    private final String text;
    private final Map<String, String> fields;
    private final LogMarkers markers;

    private LitestreamLine(Level level, String text, Map<String, String> fields, LogMarkers markers) {
        this.level = level;
        this.text = text;
        this.fields = fields;
        this.markers = markers;
    }

    /** {@code markers}: the installed Litestream's wording of uploads and start-up. */
    public static LitestreamLine parse(String raw, LogMarkers markers) {
        String trimmed = raw.trim();
        Map<String, String> fields = trimmed.startsWith("{") ? FlatJson.parse(trimmed) : Logfmt.parse(trimmed);
        if (fields == null || !fields.containsKey("msg")) {
            return new LitestreamLine(goCrash(trimmed) ? Level.ERROR : Level.INFO, raw, Collections.emptyMap(), markers);
        }
        StringBuilder text = new StringBuilder(fields.get("msg"));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String key = field.getKey();
            if (!key.equals("msg") && !key.equals("time") && !key.equals("level")) {
                String value = field.getValue();
                text.append(' ').append(key).append('=')
                        .append(value.isEmpty() || value.indexOf(' ') >= 0 ? '"' + value + '"' : value);
            }
        }
        return new LitestreamLine(level(fields.get("level")), text.toString(), Collections.unmodifiableMap(fields),
                markers);
    }

    /** The first line of a Go runtime crash (Litestream's process dies with it): never just INFO. */
    private static boolean goCrash(String line) {
        return line.startsWith("panic:") || line.startsWith("fatal error:");
    }

    private static Level level(String name) {
        if (name == null) {
            return Level.INFO;
        }
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "DEBUG":
            case "TRACE":
                return Level.DEBUG;
            case "WARN":
            case "WARNING":
                return Level.WARN;
            case "ERROR":
            case "FATAL":
                return Level.ERROR;
            default:
                return Level.INFO;
        }
    }

    public Level level() {
        return level;
    }

    /** The message followed by its fields as {@code key=value}, without time and level. */
    public String text() {
        return text;
    }

    /** A field of a structured line ({@code db}, {@code replica}, ...), empty when absent. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }

    /** Litestream began writing a WAL segment or snapshot to a replica. */
    public boolean uploadBegun() {
        return markers.uploadBegun(text);
    }

    /** Litestream finished writing a WAL segment or snapshot to a replica. */
    public boolean uploadDone() {
        return markers.uploadDone(text);
    }

    /** Litestream set up one database of its config (it opens the file at its first sync). */
    public boolean dbInitialized() {
        return markers.dbInitialized(text);
    }

    /** Litestream gave up continuing its backup history (a new generation, a full snapshot, follows). */
    public boolean generationReset() {
        return markers.generationReset(text);
    }

    /**
     * Logs it at the level an operator wants, which is not always Litestream's: per-upload progress
     * at DEBUG (two INFO lines an upload drowned everything else), a generation reset at INFO (the
     * supervisor explains it), and, while Litestream shuts down, its background work cancelled by
     * the shutdown ({@code context canceled}) at DEBUG: the final sync runs apart from it.
     */
    public void logTo(Logger logger, boolean shuttingDown) {
        switch (shown(shuttingDown)) {
            case DEBUG:
                logger.debug("{}", text);
                break;
            case WARN:
                logger.warn("{}", text);
                break;
            case ERROR:
                logger.error("{}", text);
                break;
            default:
                logger.info("{}", text);
        }
    }

    /** Whether {@link #logTo} would write this line at all (its level is enabled): only those count against a flood. */
    public boolean isShownBy(Logger logger, boolean shuttingDown) {
        switch (shown(shuttingDown)) {
            case DEBUG:
                return logger.isDebugEnabled();
            case WARN:
                return logger.isWarnEnabled();
            case ERROR:
                return logger.isErrorEnabled();
            default:
                return logger.isInfoEnabled();
        }
    }

    private Level shown(boolean shuttingDown) {
        if (level == Level.INFO && (uploadBegun() || uploadDone())) {
            return Level.DEBUG;
        } else if (level == Level.WARN && generationReset()) {
            return Level.INFO;
        } else if (shuttingDown && cancelledByShutdown()) {
            return Level.DEBUG;
        } else if (shuttingDown && closeRacedOwnSync()) {
            return Level.WARN; // the supervisor judges the exit, with a second final sync when it was 1
        }
        return level;
    }

    /** An ERROR from work that Litestream's own shutdown cancelled, not from its final sync. */
    public boolean cancelledByShutdown() {
        return level == Level.ERROR && text.contains("context canceled");
    }

    /**
     * Litestream 0.3.13's close racing its own replica sync: {@code DB.Close} syncs each replica while the
     * replica's monitor may still be inside a sync of the same WAL segment; on a file replica both write the
     * same {@code .wal.lz4.tmp} file and the one that renames second finds it gone. They share that file, so
     * the segment in place holds the longer write: no row was seen missing, but the exit code is 1. When the
     * monitor is inside the replica's first sync, the close finds no position yet and panics ({@code assertion
     * failed: generation name required}, exit 2, seen under load): that replica's snapshot may be unwritten.
     */
    public boolean closeRacedOwnSync() {
        return level == Level.ERROR && (text.contains(".wal.lz4.tmp") && text.contains("no such file or directory")
                || text.startsWith("panic: assertion failed: generation name required"));
    }

    @Override
    public String toString() {
        return level + " " + text;
    }
}
