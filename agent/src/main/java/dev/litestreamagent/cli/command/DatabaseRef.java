package dev.litestreamagent.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A configured database: the alias operators type, the absolute path Litestream knows it by, and the
 * names of its replicas that have one.
 */
public final class DatabaseRef {
    private final String alias;
    private final Path path;
    private final List<String> replicaNames;

    public DatabaseRef(String alias, Path path) {
        this(alias, path, Collections.<String>emptyList());
    }

    public DatabaseRef(String alias, Path path, List<String> replicaNames) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.path = path.toAbsolutePath().normalize();
        this.replicaNames = Collections.unmodifiableList(new ArrayList<>(replicaNames));
    }

    /** Names of its replicas ({@code restore -replica NAME}), in the config's order; empty when none has one. */
    public List<String> replicaNames() {
        return replicaNames;
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
