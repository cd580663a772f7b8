package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.CommandLines;
import dev.litestreamagent.exec.LiveProcess;
import dev.litestreamagent.fs.CurrentUser;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Proof, from the live process and never from a pid file, that a process is a Litestream replicate
 * an earlier run of this supervisor started: it runs as our uid, its executable is the configured
 * binary, and its arguments have exactly the shape we launch with. A pid file is only a hint of
 * where to look: another user (or a reused pid) must not make us signal an unrelated process.
 */
final class OurReplicator {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private OurReplicator() {
    }

    /**
     * Why {@code pid} is not ours (for the log), or empty when it is.
     *
     * @param ours the command this supervisor launches: binary, replicate, -config, file, -exec, command
     */
    static Optional<String> whyNot(long pid, List<String> ours) {
        OptionalLong owner = LiveProcess.ownerUid(pid);
        long uid = CurrentUser.uid();
        if (owner.isEmpty() || uid < 0 || owner.getAsLong() != uid) {
            return Optional.of("it does not run as " + CurrentUser.describe()
                    + (owner.isPresent() ? " but as uid " + owner.getAsLong() : ""));
        }
        Optional<Path> executable = LiveProcess.executable(pid);
        Optional<Path> binary = realPath(ours.get(0));
        if (executable.isEmpty() || binary.isEmpty() || !executable.equals(binary)) {
            return Optional.of("its executable " + executable.map(Path::toString).orElse("(unknown)")
                    + " is not the configured Litestream " + ours.get(0));
        }
        Optional<List<String>> running = CommandLines.of(pid);
        if (running.isEmpty() || !hasOurShape(running.get(), ours)) {
            return Optional.of("its arguments are not those of our replicate");
        }
        return Optional.empty();
    }

    /**
     * The same binary, {@code replicate -config}, a config file that is ours now or one generated the
     * same way by an earlier run (same folder, same name but for digits), and our -exec command.
     */
    private static boolean hasOurShape(List<String> running, List<String> ours) {
        return running.size() == ours.size() && ours.size() == 6
                && running.get(0).equals(ours.get(0))
                && running.get(1).equals("replicate") && running.get(2).equals("-config")
                && sameConfigShape(running.get(3), ours.get(3))
                && running.get(4).equals("-exec") && ReplicateCommand.isOurExec(running.get(5));
    }

    private static boolean sameConfigShape(String theirs, String ours) {
        Path a = Paths.get(theirs);
        Path b = Paths.get(ours);
        return a.isAbsolute() && a.getParent() != null && a.getParent().equals(b.getParent())
                && DIGITS.matcher(a.getFileName().toString()).replaceAll("#")
                        .equals(DIGITS.matcher(b.getFileName().toString()).replaceAll("#"));
    }

    private static Optional<Path> realPath(String file) {
        try {
            return Optional.of(Paths.get(file).toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
