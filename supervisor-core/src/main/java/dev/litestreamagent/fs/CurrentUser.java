package dev.litestreamagent.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Who this process runs as, by uid: a uid without a passwd entry (containers started with
 * {@code --user 1234}) has no user name ({@code user.name} is "?"), so names cannot be compared.
 */
public final class CurrentUser {
    private static final Path PROC_SELF = Paths.get("/proc/self");

    private CurrentUser() {
    }

    /** Our effective uid (the owner of /proc/self), or -1 when there is no /proc (then names are compared). */
    public static long uid() {
        try {
            return ((Number) Files.getAttribute(PROC_SELF, "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** The uid owning {@code path} (not following a link), or -1 when unknown. */
    public static long ownerUid(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Whether we own {@code path} itself (a link is judged, not its target). */
    public static boolean owns(Path path) throws IOException {
        long uid = uid();
        if (uid >= 0) {
            return ownerUid(path) == uid;
        }
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }

    /** "uid 1000" (with the name when known), for messages. */
    public static String describe() {
        long uid = uid();
        String name = System.getProperty("user.name", "?");
        return uid < 0 ? "user " + name : "uid " + uid + ("?".equals(name) ? "" : " (" + name + ")");
    }
}
