package dev.litestreamagent.exec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's stdout and stderr go. Litestream replicate always writes to a {@link #appendTo
 * file}: a pipe read only by this JVM kills it with SIGPIPE, and no final sync, when the JVM dies.
 */
public final class Output {
    /** Enough for the answers of short commands ({@code version}, {@code restore}), bounded all the same. */
    public static final int DEFAULT_CAPTURE_LIMIT = 64 * 1024;

    /** The places output can go. */
    public enum Kind {
        /** stdout and stderr appended to a file; stdin from /dev/null. */
        FILE,
        /** stdout and stderr read into memory up to a limit; stdin from /dev/null. For short commands only. */
        CAPTURED,
        /** This JVM's stdin, stdout and stderr (the CLI's foreground commands). */
        INHERITED,
        /**
         * This JVM's stdin and stderr, and the child's stdout copied to this JVM's stderr too: for a
         * foreground command whose output is only a log, so that this JVM's stdout carries results only.
         */
        INHERITED_AS_LOG
    }

    private static final Output INHERITED = new Output(Kind.INHERITED, null, 0);
    private static final Output INHERITED_AS_LOG = new Output(Kind.INHERITED_AS_LOG, null, 0);

    private final Kind kind;
    private final Path file;
    private final int limit;

    private Output(Kind kind, Path file, int limit) {
        this.kind = kind;
        this.file = file;
        this.limit = limit;
    }

    public static Output appendTo(Path file) {
        return new Output(Kind.FILE, Objects.requireNonNull(file, "file"), 0);
    }

    /** The last {@code maxBytes} bytes of the output are kept; older ones are dropped as they come, so the child never blocks. */
    public static Output captured(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("capture limit: was " + maxBytes + ", expected a positive number of bytes");
        }
        return new Output(Kind.CAPTURED, null, maxBytes);
    }

    public static Output captured() {
        return captured(DEFAULT_CAPTURE_LIMIT);
    }

    public static Output inherited() {
        return INHERITED;
    }

    public static Output inheritedAsLog() {
        return INHERITED_AS_LOG;
    }

    public Kind kind() {
        return kind;
    }

    /** The file a {@link Kind#FILE} output appends to. */
    public Path file() {
        if (kind != Kind.FILE) {
            throw new IllegalStateException("output to " + kind + " has no file");
        }
        return file;
    }

    /** How many bytes a {@link Kind#CAPTURED} output keeps. */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? "FILE " + file : kind == Kind.CAPTURED ? "CAPTURED " + limit + " bytes" : kind.name();
    }
}
