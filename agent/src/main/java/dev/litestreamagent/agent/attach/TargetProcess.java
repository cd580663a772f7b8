package dev.litestreamagent.agent.attach;

import dev.litestreamagent.fs.CurrentUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What the live process table says about an attach target, read from {@code /proc} (and the JVM's
 * performance-data file where there is no {@code /proc}). Attaching sends the target SIGQUIT: a JVM
 * answers it, nearly every other program dies of it, Litestream without its final sync.
 */
final class TargetProcess {
    private TargetProcess() {
    }

    /** The uid the process runs as (the owner of {@code /proc/<pid>}), or -1 when unknown. */
    static long uid(long pid) {
        return CurrentUser.ownerUid(Paths.get("/proc", Long.toString(pid)));
    }

    /**
     * Whether the process is proven a JVM: HotSpot and OpenJ9 map {@code libjvm.so} (OpenJ9 also
     * {@code libj9vm}); without {@code /proc}, a JVM's {@code hsperfdata_<user>/<pid>} file.
     */
    static boolean isJvm(long pid) {
        Path maps = Paths.get("/proc", Long.toString(pid), "maps");
        if (Files.isReadable(maps)) {
            try (BufferedReader lines = Files.newBufferedReader(maps, StandardCharsets.ISO_8859_1)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.endsWith("/libjvm.so") || line.contains("/libj9vm")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }
        return hasPerfDataFile(pid);
    }

    private static boolean hasPerfDataFile(long pid) {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir", "/tmp"));
        try (DirectoryStream<Path> users = Files.newDirectoryStream(tmp, "hsperfdata_*")) {
            for (Path user : users) {
                if (Files.isRegularFile(user.resolve(Long.toString(pid)))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
