package dev.litestreamagent.cli.command;

import java.nio.file.Path;
import java.util.Objects;

/** A configured database: the alias operators type, and the absolute path Litestream knows it by. */
public final class DatabaseRef {
    private final String alias;
    private final Path path;

    public DatabaseRef(String alias, Path path) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.path = path.toAbsolutePath().normalize();
    }

    public String alias() {
        return alias;
    }

    public Path path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseRef && alias.equals(((DatabaseRef) o).alias) && path.equals(((DatabaseRef) o).path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alias, path);
    }

    @Override
    public String toString() {
        return alias + " (" + path + ")";
    }
}
