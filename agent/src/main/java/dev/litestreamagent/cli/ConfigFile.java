package dev.litestreamagent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The generated Litestream config on disk for one run: owner-only from creation, deleted on close. */
final class ConfigFile implements AutoCloseable {
    private final Path path;

    private ConfigFile(Path path) {
        this.path = path;
    }

    static ConfigFile write(String yaml) throws IOException {
        // Created with rw------- (not chmod-ed later) so no other user can open it in between.
        Path path = Files.createTempFile("litestream-agent-", ".yml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(path, yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new ConfigFile(path);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
