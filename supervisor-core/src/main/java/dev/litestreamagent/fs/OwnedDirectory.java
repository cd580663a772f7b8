package dev.litestreamagent.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one rule for directories the agent keeps files in (state directories, the download cache):
 * created owner-only by the agent itself; when found, a real directory (not a symlink), owned by
 * the current user, writable by nobody else. Another local user who could write into such a
 * directory could plant links the agent would write through, or files it would trust.
 */
public final class OwnedDirectory {
    private static final Set<PosixFilePermission> OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private OwnedDirectory() {
    }

    /** Creates {@code dir} rwx------ (its parents as usual) unless it exists, then {@link #verify}s it. */
    public static Path ensure(Path dir, String purpose) throws IOException {
        if (!isPosix()) {
            return Files.createDirectories(dir);
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile, by us or by someone else: the check below decides
            }
        }
        verify(dir, purpose);
        return dir;
    }

    /** {@link #ensure}s {@code root}, then each directory below it down to {@code dir}. */
    public static Path ensureChain(Path root, Path dir, String purpose) throws IOException {
        Path current = ensure(root, purpose);
        for (Path name : root.relativize(dir)) {
            if (!name.toString().isEmpty()) {
                current = ensure(current.resolve(name), purpose);
            }
        }
        return current;
    }

    /**
     * @throws UnsafeDirectoryException naming the path, what was found (link, type, owner, mode) and what is expected
     * @throws NoSuchFileException when it does not exist
     */
    public static void verify(Path dir, String purpose) throws IOException {
        check(dir, purpose, true);
    }

    /** The same rule for a file kept in such a directory: a regular file (not a link) of ours that nobody else can write. */
    public static void verifyFile(Path file, String purpose) throws IOException {
        check(file, purpose, false);
    }

    /**
     * Whether {@code dir} and every directory below it down to {@code file}, and the file itself,
     * pass the rule (what "a cache this user exclusively owns" means).
     *
     * @throws UnsafeDirectoryException for the first that does not
     */
    public static void verifyChain(Path dir, Path file, String purpose) throws IOException {
        Path current = dir;
        verify(current, purpose);
        Path below = dir.relativize(file);
        for (int i = 0; i < below.getNameCount() - 1; i++) {
            current = current.resolve(below.getName(i));
            verify(current, purpose);
        }
        verifyFile(file, purpose);
    }

    private static void check(Path path, String purpose, boolean directory) throws IOException {
        if (!isPosix()) {
            return;
        }
        PosixFileAttributes found = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String problem = null;
        if (found.isSymbolicLink()) {
            problem = "a symbolic link to " + Files.readSymbolicLink(path);
        } else if (directory ? !found.isDirectory() : !found.isRegularFile()) {
            problem = directory ? "not a directory" : "not a regular file";
        } else if (!CurrentUser.owns(path)) {
            problem = "owned by " + found.owner().getName() + ", not by " + CurrentUser.describe();
        } else if (found.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            problem = "writable by group or others";
        }
        if (problem != null) {
            throw new UnsafeDirectoryException(purpose + " " + path + " is " + problem + " (found: owner "
                    + found.owner().getName() + ", mode " + PosixFilePermissions.toString(found.permissions())
                    + (found.isSymbolicLink() ? ", symbolic link" : "") + "); expected a real "
                    + (directory ? "directory" : "file") + " owned by " + CurrentUser.describe()
                    + " that no other user can write (e.g. " + (directory ? "rwx------" : "rwxr-xr-x") + "). Another "
                    + "user could plant links or files in it, so it is not used; remove it or fix its owner and mode.");
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
