package dev.litestreamagent.agent.attach;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The configuration handed to an attached agent, as an owner-only temporary properties file:
 * the agent argument then carries only its path, so no secret shows on a command line, in
 * {@code ps}, or in the target's {@code jcmd VM.command_line}. Deleted on close.
 */
final class AgentConfigFile implements AutoCloseable {
    private final Path path;

    private AgentConfigFile(Path path) {
        this.path = path;
    }

    static AgentConfigFile write(Properties config) throws IOException {
        Path path = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("litestream-attach-", ".properties",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : ownerOnly(Files.createTempFile("litestream-attach-", ".properties"));
        try (OutputStream out = Files.newOutputStream(path)) {
            config.store(out, "litestream-agent attach: read by the agent once, then deleted");
        }
        return new AgentConfigFile(path);
    }

    private static Path ownerOnly(Path path) {
        java.io.File file = path.toFile();
        file.setReadable(false, false);
        file.setReadable(true, true);
        file.setWritable(false, false);
        file.setWritable(true, true);
        return path;
    }

    Path path() {
        return path;
    }

    /** The agent argument that names this file, as with {@code -javaagent:litestream-agent.jar=config=FILE}. */
    String agentArgument() {
        return "config=" + path.toAbsolutePath();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
