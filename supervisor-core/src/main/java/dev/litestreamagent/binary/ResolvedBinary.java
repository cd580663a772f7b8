package dev.litestreamagent.binary;

import dev.litestreamagent.settings.Keys;
import java.nio.file.Path;
import java.util.Objects;

/** A Litestream binary that exists, is executable and fits this machine, and where it was found. */
public final class ResolvedBinary {
    public static final String ORIGIN_BIN_PATH = Keys.BIN_PATH.name();
    public static final String ORIGIN_CACHE = "cache";
    public static final String ORIGIN_PATH = "PATH";
    public static final String ORIGIN_DOWNLOAD = "download";

    private final Path path;
    private final String origin;

    public ResolvedBinary(Path path, String origin) {
        this.path = Objects.requireNonNull(path, "path");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public Path path() {
        return path;
    }

    /** One of {@code litestream.bin-path}, {@code cache}, {@code PATH}, {@code download}. */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedBinary && path.equals(((ResolvedBinary) o).path)
                && origin.equals(((ResolvedBinary) o).origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, origin);
    }

    @Override
    public String toString() {
        return path + " (from " + origin + ")";
    }
}
