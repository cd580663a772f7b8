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

    /**
     * @throws UnsafeDirectoryException naming the path, what was found (link, type, owner, mode) and what is expected
     * @throws NoSuchFileException when it does not exist
     */
    public static void verify(Path dir, String purpose) throws IOException {
        if (!isPosix()) {
            return;
        }
        PosixFileAttributes found = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String problem = null;
        if (found.isSymbolicLink()) {
            problem = "a symbolic link to " + Files.readSymbolicLink(dir);
        } else if (!found.isDirectory()) {
            problem = "not a directory";
        } else if (!CurrentUser.owns(dir)) {
            problem = "owned by " + found.owner().getName() + ", not by " + CurrentUser.describe();
        } else if (found.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            problem = "writable by group or others";
        }
        if (problem != null) {
            throw new UnsafeDirectoryException(purpose + " " + dir + " is " + problem + " (found: owner "
                    + found.owner().getName() + ", mode " + PosixFilePermissions.toString(found.permissions())
                    + (found.isSymbolicLink() ? ", symbolic link" : "") + "); expected a real directory owned by "
                    + CurrentUser.describe() + " that no other user can write (e.g. rwx------). Another user could "
                    + "plant links or files in it, so it is not used; remove it or fix its owner and mode.");
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
