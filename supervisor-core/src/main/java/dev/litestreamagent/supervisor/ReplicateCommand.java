package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code litestream replicate} the supervisor launches, and how (output, environment, session).
 *
 * <p>Its {@code -exec} command ends Litestream (after a final sync) when the JVM dies, even by
 * SIGKILL. Litestream 0.3.13 opens a database only at its first sync, one monitor interval after
 * its start, and at exit syncs only the databases it has opened ({@code DB.Close}: "if
 * initialized"); an exit while it opens one (a cancelled init) leaves it unopened too. So a JVM
 * killed in Litestream's first second lost every row of the run when the command was a bare
 * {@code tail --pid}: tail looks once a second and often exited before that first sync. The
 * command therefore outlives the JVM until Litestream has opened every database of the launch:
 * until Litestream holds its long-lived read transaction on each (a shared POSIX lock on the
 * database file, in /proc/locks), the last step of opening it that the exit could cancel. One
 * sighting could be a statement of the opening itself, so it takes two in a row, 50 ms apart.
 * Bounded by the stop timeout (a database Litestream cannot open must not keep it for ever);
 * where /proc/locks cannot be read it ends with the JVM, as the bare tail did.
 */
final class ReplicateCommand {
    /** Arguments: the JVM's pid, the polls left after its death, the inodes of the databases. */
    private static final String EXEC_SCRIPT = "tail --pid=$1 -f /dev/null; [ -r /proc/locks ] || exit 0; "
            + "n=$2; shift 2; held=0; while [ $n -gt 0 ] && [ -d /proc/$PPID ]; do all=1; "
            + "for i do grep -Eq \" READ +$PPID [0-9a-f]+:[0-9a-f]+:$i 1073741826 \" /proc/locks || all=0; done; "
            + "if [ $all = 1 ]; then [ $held = 1 ] && exit 0; held=1; else held=0; fi; n=$((n-1)); sleep 0.05; done";
    private static final String EXEC_NAME = "litestream-agent-exec";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern OUR_EXEC = Pattern.compile(
            Pattern.quote("sh -c '" + EXEC_SCRIPT + "' " + EXEC_NAME + " ") + "[0-9]+ [0-9]+( [0-9]+)*"
            // what versions before this one ran, still ours when an earlier run left it behind
            + "|tail --pid=[0-9]+ -f /dev/null");

    private ReplicateCommand() {
    }

    /** The command for these databases (those that do not exist yet have nothing to sync). */
    static List<String> of(SupervisorSettings settings, List<Path> databases) {
        StringBuilder exec = new StringBuilder("sh -c '").append(EXEC_SCRIPT).append("' ").append(EXEC_NAME)
                .append(' ').append(settings.parentPid())
                .append(' ').append(Math.max(1, settings.stopTimeout().toMillis() / POLL.toMillis()));
        for (Path db : databases) {
            inode(db).ifPresent(inode -> exec.append(' ').append(inode));
        }
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(
                settings.binary().toAbsolutePath().toString(), "replicate",
                "-config", settings.configFile().toAbsolutePath().toString(),
                "-exec", exec.toString())));
    }

    /** Whether an {@code -exec} argument is one this supervisor (or an earlier version of it) launches with. */
    static boolean isOurExec(String argument) {
        return OUR_EXEC.matcher(argument).matches();
    }

    /**
     * Output appended to {@code log}, never a pipe (a JVM killed by SIGKILL would leave Litestream
     * writing into a dead one), and a session of its own: Ctrl-C in a terminal, {@code kill -TERM
     * -<pgid>} and the like reach the JVM only, so Litestream stops when the agent says, after the
     * application's shutdown; with its -exec command hit by the same signal, Litestream 0.3.13 exits
     * 1 without a final sync.
     */
    static ProcessSpec spec(List<String> command, SupervisorSettings settings, Path log) {
        return ProcessSpec.of(command, Output.appendTo(log)).withEnvironment(settings.environment())
                .withNewSession(true);
    }

    private static Optional<Object> inode(Path db) {
        try {
            return Optional.ofNullable(Files.getAttribute(db, "unix:ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // not there yet, or no inodes here (then /proc/locks is missing too)
        }
    }
}
