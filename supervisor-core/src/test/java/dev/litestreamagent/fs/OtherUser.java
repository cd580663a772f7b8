package dev.litestreamagent.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Another local user, for attack tests: commands run under {@code setpriv} with an unprivileged
 * uid (no passwd entry needed). Only possible as root, as CI runs; elsewhere the test is skipped.
 */
public final class OtherUser {
    /** The hostile neighbour. */
    public static final OtherUser MALLORY = new OtherUser(64001);
    /** The user whose application the agent runs in. */
    public static final OtherUser VICTIM = new OtherUser(64002);

    private final int uid;

    private OtherUser(int uid) {
        this.uid = uid;
    }

    public int uid() {
        return uid;
    }

    public static void assumeRootWithSetpriv() {
        Assumptions.assumeTrue(CurrentUser.uid() == 0,
                "needs root to act as two other users with setpriv (CI runs as root); running as " + CurrentUser.describe());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")),
                "setpriv (util-linux) is not installed");
    }

    /** A directory anyone may write into, like a shared data directory (its parent made traversable). */
    public static Path sharedDirectory(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** Runs a shell script as this user and requires it to succeed. */
    public void sh(String script) throws IOException, InterruptedException {
        Process p = start("sh", "-c", script);
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "as uid " + uid + ": " + script + "\n" + output);
    }

    /** Starts a command as this user (stdout and stderr merged). */
    public Process start(String... command) throws IOException {
        List<String> full = new ArrayList<>(Arrays.asList("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
        full.addAll(Arrays.asList(command));
        return new ProcessBuilder(full).redirectErrorStream(true).start();
    }
}
