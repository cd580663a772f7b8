package dev.litestreamagent.config;

import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code litestream.dbs.<alias>.dir} entry (Litestream 0.5's directory replication): the directory,
 * its {@code pattern}, {@code recursive} and {@code watch}, and what a directory entry cannot have.
 */
final class DirectoryEntries {
    private final SettingReader reader;
    private final Path workingDirectory;

    DirectoryEntries(SettingReader reader, Path workingDirectory) {
        this.reader = reader;
        this.workingDirectory = workingDirectory;
    }

    /** A directory entry's {@code dir}; neither {@code url} nor {@code path} may be set beside it. */
    Optional<DatabasesReader.Location> location(String prefix) {
        String dirKey = prefix + Keys.DB_DIR.name();
        String dir = reader.string(dirKey).orElse("");
        boolean both = false;
        for (String fileKey : new String[] {prefix + Keys.DB_URL.name(), prefix + Keys.DB_PATH.name()}) {
            Optional<String> file = reader.string(fileKey);
            if (file.isPresent()) {
                reader.problem(fileKey, file.get(), "either " + fileKey + " (one database file) or " + dirKey
                        + " (a directory of databases), not both");
                both = true;
            }
        }
        if (both) {
            return Optional.empty();
        }
        Path path;
        try {
            path = reader.relativeTo(dirKey, workingDirectory).resolve(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            reader.problem(dirKey, dir, "a directory path (" + e.getReason() + ")");
            return Optional.empty();
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            reader.problem(dirKey, path.toString(), "a directory (a single database file is " + prefix
                    + Keys.DB_PATH.name() + ")");
            return Optional.empty();
        }
        return Optional.of(new DatabasesReader.Location(dirKey, path, null));
    }

    /** {@code pattern} (required, as Litestream 0.5 requires it), {@code recursive} and {@code watch} of a directory entry. */
    DirectoryScan scan(String prefix) {
        String patternKey = prefix + Keys.DB_PATTERN.name();
        Optional<String> pattern = reader.string(patternKey);
        if (!pattern.isPresent()) {
            reader.problem(patternKey, null, "a file name pattern such as *.db with " + prefix + Keys.DB_DIR.name()
                    + " (Litestream replicates the files of the directory whose names match it)");
        } else if (pattern.get().indexOf('/') >= 0) {
            reader.problem(patternKey, pattern.get(), "a pattern without '/': Litestream matches it against each "
                    + "file's name (set " + prefix + Keys.DB_RECURSIVE.name() + "=true for subdirectories)");
        } else {
            try {
                GoPattern.compile(pattern.get());
            } catch (IllegalArgumentException e) {
                reader.problem(patternKey, pattern.get(), "a pattern Go's filepath.Match accepts (*, ?, [a-z], [^a-z], "
                        + "\\ escapes), not " + e.getMessage());
            }
        }
        Boolean recursive = reader.read(prefix + Keys.DB_RECURSIVE.name(), Keys.DB_RECURSIVE.type(), null);
        Boolean watch = reader.read(prefix + Keys.DB_WATCH.name(), Keys.DB_WATCH.type(), null);
        return new DirectoryScan(pattern.orElse(""), recursive, watch);
    }

    /**
     * A problem for each database file that a directory entry would replicate as well: Litestream would run two
     * replications of one file, whose replicas' histories would then interleave.
     */
    void refuseOverlaps(List<DatabaseConfig> entries) {
        for (DatabaseConfig directory : entries) {
            if (!directory.directory().isPresent()) {
                continue;
            }
            DirectoryScan scan = directory.directory().get();
            GoPattern pattern;
            try {
                pattern = GoPattern.compile(scan.pattern());
            } catch (IllegalArgumentException reported) {
                continue;
            }
            for (DatabaseConfig file : entries) {
                Path parent = file.path().getParent();
                boolean inside = parent != null && (scan.recursive().orElse(false) ? parent.startsWith(directory.path())
                        : parent.equals(directory.path()));
                if (!file.directory().isPresent() && inside && pattern.matches(file.path().getFileName().toString())) {
                    reader.problem(Keys.DB_DIR.nameFor(directory.alias()), directory.path().toString(), "a directory "
                            + "whose pattern leaves out " + file.path() + ", which " + (file.jdbcUrl().isPresent()
                            ? Keys.DB_URL : Keys.DB_PATH).nameFor(file.alias()) + " names already (one replicator "
                            + "per database): remove that alias, or narrow "
                            + Keys.DB_PATTERN.nameFor(directory.alias()));
                }
            }
        }
    }

    /** The scan settings of a database file's entry: without {@code dir} they would mean nothing. */
    void refuseScanKeys(String prefix) {
        for (Key<?> key : new Key<?>[] {Keys.DB_PATTERN, Keys.DB_RECURSIVE, Keys.DB_WATCH}) {
            String name = prefix + key.name();
            Optional<String> value = reader.string(name); // no lambda: the first one costs a cold CLI milliseconds
            if (value.isPresent()) {
                reader.problem(name, value.get(), "no " + key.name() + " without " + prefix + Keys.DB_DIR.name()
                        + ": it belongs to a directory of databases");
            }
        }
    }

    /** Restore on start works per database file: a directory entry has none the agent knows. */
    boolean noRestoreOnStart(String prefix) {
        String key = prefix + Keys.DB_RESTORE_ON_START.name();
        if (Boolean.TRUE.equals(reader.read(key, Keys.DB_RESTORE_ON_START.type(), null))) {
            reader.problem(key, "true", "no restore on start for a directory entry (" + prefix + Keys.DB_DIR.name()
                    + "): Litestream finds its databases itself, so none is known to restore; restore each file with "
                    + "the CLI's restore and a replica URL");
        }
        return false;
    }
}
