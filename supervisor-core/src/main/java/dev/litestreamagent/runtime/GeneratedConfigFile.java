package dev.litestreamagent.runtime;

import dev.litestreamagent.fs.CurrentUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated Litestream config on disk for one run: owner-only from creation, deleted on close.
 * Its name carries the JVM's pid, so that a JVM killed by SIGKILL (no close) has its file removed by
 * the next one to write a config.
 */
public final class GeneratedConfigFile implements AutoCloseable {
    private static final String PREFIX = "litestream-agent-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]+)-[0-9]+\\.yml(\\.next)?");

    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** Names taken this many times in a row mean someone fills the directory on purpose. */
    private static final int MAX_NAME_ATTEMPTS = 100;

    private final Path path;

    private GeneratedConfigFile(Path path) {
        this.path = path;
    }

    /** Holds no secret (those travel in the child's environment), yet no other user may read it. */
    public static GeneratedConfigFile write(String yaml) throws IOException {
        Path temp = Paths.get(System.getProperty("java.io.tmpdir"));
        removeLeftovers(temp);
        Path path = createOwnerOnly(temp, ".yml");
        try {
            Files.write(path, yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new GeneratedConfigFile(path);
    }

    /**
     * A new file named {@code litestream-agent-<pid>-<random><suffix>}, created with rw------- (not chmod-ed
     * later) so no other user can open it in between. Not {@link Files#createTempFile}: its SecureRandom costs
     * a short CLI command tens of milliseconds. The name need not be secret: the file is created only if
     * nothing (not even a link) has that name, else another name is drawn.
     */
    private static Path createOwnerOnly(Path directory, String suffix) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
        String prefix = PREFIX + ProcessHandle.current().pid() + "-";
        for (int attempt = 1; ; attempt++) {
            Path path = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix);
            try {
                Files.newByteChannel(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        ownerOnly).close();
                return path;
            } catch (FileAlreadyExistsException e) {
                if (attempt == MAX_NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes configs whose JVM is gone: only regular files of ours (a link or another user's file is
     * left alone) named with a pid that no longer runs. A reused pid merely keeps a file a while longer.
     */
    static void removeLeftovers(Path temp) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && CurrentUser.owns(file)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | NumberFormatException | DirectoryIteratorException e) {
            // best effort: a leftover costs a few bytes, never a failed start
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Replaces the content for the next launch: written beside it (owner-only from creation) and
     * moved over it, so a Litestream starting meanwhile reads either the old or the new file whole.
     */
    public void rewrite(String yaml) throws IOException {
        Path next = createOwnerOnly(path.getParent(), ".yml.next");
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
