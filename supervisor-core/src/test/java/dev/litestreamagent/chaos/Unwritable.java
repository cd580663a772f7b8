package dev.litestreamagent.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory unwritable for Litestream, which runs as this user: {@code chmod 000} stops an
 * ordinary user but not root, so for root (as CI runs) the directory tree is made immutable with
 * {@code chattr -R +i}, which root's writes obey. The way chosen is the first that a probe shows
 * to work here.
 */
final class Unwritable {
    private enum Way { CHMOD, CHATTR }

    private final Way way;
    private final String whyNot;

    private Unwritable(Way way, String whyNot) {
        this.way = way;
        this.whyNot = whyNot;
    }

    /** Probes in {@code scratch}, which must be writable and is left as it was. */
    static Unwritable forThisUser(Path scratch) throws IOException, InterruptedException {
        StringBuilder failures = new StringBuilder();
        for (Way way : Way.values()) {
            Unwritable candidate = new Unwritable(way, null);
            Path probe = Files.createTempDirectory(scratch, "unwritable-probe");
            try {
                candidate.apply(probe);
                boolean stopsWrites = !canWriteInto(probe);
                candidate.lift(probe);
                if (stopsWrites) {
                    return candidate;
                }
                failures.append(candidate).append(" does not stop writes by ").append(System.getProperty("user.name"));
            } catch (IOException e) {
                failures.append(candidate).append(" failed: ").append(e.getMessage());
            } finally {
                Files.deleteIfExists(probe);
            }
            failures.append("; ");
        }
        return new Unwritable(null, failures.toString());
    }

    boolean works() {
        return way != null;
    }

    String whyNot() {
        return whyNot;
    }

    void apply(Path directory) throws IOException, InterruptedException {
        if (way == Way.CHMOD) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("---------"));
        } else {
            run("chattr", "-R", "+i", directory.toString());
        }
    }

    void lift(Path directory) throws IOException, InterruptedException {
        if (way == Way.CHMOD) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } else {
            run("chattr", "-R", "-i", directory.toString());
        }
    }

    @Override
    public String toString() {
        return way == Way.CHMOD ? "chmod 000" : way == Way.CHATTR ? "chattr +i, as root" : "no way found";
    }

    private static boolean canWriteInto(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        } catch (IOException denied) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(process.getInputStream().readAllBytes()).trim());
        }
    }
}
