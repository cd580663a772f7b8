package dev.litestreamagent.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The generated Litestream config on disk for one run: owner-only from creation, deleted on close. */
public final class GeneratedConfigFile implements AutoCloseable {
    private final Path path;

    private GeneratedConfigFile(Path path) {
        this.path = path;
    }

    /** Holds no secret (those travel in the child's environment), yet no other user may read it. */
    public static GeneratedConfigFile write(String yaml) throws IOException {
        // Created with rw------- (not chmod-ed later) so no other user can open it in between.
        Path path = Files.createTempFile("litestream-agent-", ".yml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(path, yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new GeneratedConfigFile(path);
    }

    public Path path() {
        return path;
    }

    /**
     * Replaces the content for the next launch: written beside it (owner-only from creation) and
     * moved over it, so a Litestream starting meanwhile reads either the old or the new file whole.
     */
    public void rewrite(String yaml) throws IOException {
        Path next = Files.createTempFile(path.getParent(), "litestream-agent-", ".yml.next",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(next, yaml.getBytes(StandardCharsets.UTF_8));
            Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
