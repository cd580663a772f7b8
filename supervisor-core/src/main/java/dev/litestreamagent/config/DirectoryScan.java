package dev.litestreamagent.config;

import java.util.Optional;

/**
 * Litestream 0.5's directory replication for one {@code litestream.dbs.<alias>} entry: which files of the
 * directory are databases. Litestream finds them itself, so the agent knows no file of it.
 */
public final class DirectoryScan {
    private final String pattern;
    private final Boolean recursive;
    private final Boolean watch;

    DirectoryScan(String pattern, Boolean recursive, Boolean watch) {
        this.pattern = pattern;
        this.recursive = recursive;
        this.watch = watch;
    }

    /** Go's {@code filepath.Match} pattern, matched against each file's name ({@code *.db}). */
    public String pattern() {
        return pattern;
    }

    /** {@code recursive} when set: subdirectories too. */
    public Optional<Boolean> recursive() {
        return Optional.ofNullable(recursive);
    }

    /** {@code watch} when set: databases that appear later are replicated too. */
    public Optional<Boolean> watch() {
        return Optional.ofNullable(watch);
    }
}
