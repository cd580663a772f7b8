package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code litestream replicate} the supervisor launches, and how (output, environment, session).
 *
 * <p>Its {@code -exec} command ends Litestream (after a final sync) when the JVM dies, even by
 * SIGKILL. Litestream 0.3.13 opens a database only at its first sync, one monitor interval after
 * its start, and at exit syncs only the databases it has opened ({@code DB.Close}: "if db.db !=
 * nil"); an exit while it opens one fails the opening (its read transaction's query takes the
 * context the exit cancels), which leaves it unopened too. So a JVM killed in Litestream's first
 * second lost every row of the run when the command was a bare {@code tail --pid}: tail looks once
 * a second and often exited before that first sync. The command therefore outlives the JVM until
 * Litestream has opened every database of the launch: until Litestream holds a WAL read mark on
 * each database's {@code -shm} file (its long-lived read transaction, in /proc/locks; see
 * {@link Attempt#stop} for why not the database file's lock, which any open connection holds),
 * seen in ten checks in a row, 50 ms apart, as the opening's statements hold one briefly too.
 * The databases' paths come in {@value #DATABASES_VARIABLE}, one per line, which needs no quoting. Bounded by the stop timeout (a database Litestream cannot open must not
 * keep it for ever); where /proc/locks cannot be read it ends with the JVM, as the bare tail did.
 * Once the JVM is gone, a guard bounds Litestream's own exit too (see {@code EXEC_SCRIPT}).
 */
final class ReplicateCommand {
    static final String DATABASES_VARIABLE = "LITESTREAM_AGENT_EXEC_DATABASES";
    /** Waits (at most the stop timeout) for the read marks; arguments: the JVM's pid, the polls. */
    private static final String LOCK_WAIT = "[ -r /proc/locks ] || exit 0; "
            + "n=$2; held=0; while [ $n -gt 0 ] && [ -d /proc/$PPID ]; do "
            + "if printf \"%s\\n\" \"$" + DATABASES_VARIABLE + "\" | { all=0; while IFS= read -r db; do "
            + "[ -z \"$db\" ] || [ ! -e \"$db\" ] || { i=$(stat -c %i \"$db-shm\" 2>/dev/null) && "
            // a read lock at bytes 123-127: LockBytes.WAL_FIRST_READ_MARK to WAL_LAST_READ_MARK
            + "grep -Eq \" READ +$PPID [0-9a-f]+:[0-9a-f]+:$i 12[3-7] \" /proc/locks; } || all=1; done; exit $all; }; "
            + "then [ $held -ge 9 ] && exit 0; held=$((held+1)); else held=0; fi; n=$((n-1)); sleep 0.05; done";
    /**
     * Until the JVM dies, then the lock wait (in a subshell: its exits end only the wait), then exit.
     * {@code g} is the guard: once the JVM is gone, it gives Litestream (the script's parent) the stop
     * timeout to end, then SIGKILL (a final sync to a file replica whose directory became a file
     * never ends in 0.3.13). It starts when the JVM died, and when Litestream forwards the SIGTERM
     * of a stop (a trap, taken at once as tail runs in the background): should the JVM die before
     * that stop finished, nothing else would end Litestream.
     */
    private static final String EXEC_SCRIPT = "j=$1; m=$2; "
            + "g() { while [ -d /proc/$j ] && [ -d /proc/$PPID ]; do sleep 0.1; done; n=$m; "
            + "while [ $n -gt 0 ] && [ -d /proc/$PPID ]; do n=$((n-1)); sleep 0.05; done; "
            + "[ -d /proc/$PPID ] && kill -9 $PPID; }; "
            + "s() { kill $t 2>/dev/null; g </dev/null >/dev/null 2>&1 & exit 0; }; trap s TERM; "
            + "tail --pid=$1 -f /dev/null & t=$!; wait $t; (" + LOCK_WAIT + "); g </dev/null >/dev/null 2>&1 & exit 0";
    /** What the version before the guard ran, still ours when left behind. */
    private static final String UNGUARDED_EXEC_SCRIPT = "tail --pid=$1 -f /dev/null; " + LOCK_WAIT;
    /** What the version before those ran (it watched the database file's lock), still ours when left behind. */
    private static final String PREVIOUS_EXEC_SCRIPT = "tail --pid=$1 -f /dev/null; [ -r /proc/locks ] || exit 0; "
            + "n=$2; shift 2; held=0; while [ $n -gt 0 ] && [ -d /proc/$PPID ]; do all=1; "
            + "for i do grep -Eq \" READ +$PPID [0-9a-f]+:[0-9a-f]+:$i 1073741826 \" /proc/locks || all=0; done; "
            + "if [ $all = 1 ]; then [ $held = 1 ] && exit 0; held=1; else held=0; fi; n=$((n-1)); sleep 0.05; done";
    private static final String EXEC_NAME = "litestream-agent-exec";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern OUR_EXEC = Pattern.compile(
            Pattern.quote("sh -c '" + EXEC_SCRIPT + "' " + EXEC_NAME + " ") + "[0-9]+ [0-9]+"
            + "|" + Pattern.quote("sh -c '" + UNGUARDED_EXEC_SCRIPT + "' " + EXEC_NAME + " ") + "[0-9]+ [0-9]+"
            + "|" + Pattern.quote("sh -c '" + PREVIOUS_EXEC_SCRIPT + "' " + EXEC_NAME + " ") + "[0-9]+ [0-9]+( [0-9]+)*"
            + "|tail --pid=[0-9]+ -f /dev/null");

    private ReplicateCommand() {
    }

    /** The command (the same for any set of databases: they come in the environment, see {@link #spec}). */
    static List<String> of(SupervisorSettings settings) {
        String exec = "sh -c '" + EXEC_SCRIPT + "' " + EXEC_NAME + " " + settings.parentPid() + " "
                + Math.max(1, settings.stopTimeout().toMillis() / POLL.toMillis());
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(
                settings.binary().toAbsolutePath().toString(), "replicate",
                "-config", settings.configFile().toAbsolutePath().toString(),
                "-exec", exec)));
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
    static ProcessSpec spec(List<String> command, List<Path> databases, SupervisorSettings settings, Path log) {
        StringBuilder paths = new StringBuilder();
        for (Path db : databases) {
            paths.append(db.toAbsolutePath()).append('\n');
        }
        Map<String, String> environment = new LinkedHashMap<>(settings.environment());
        environment.put(DATABASES_VARIABLE, paths.toString());
        return ProcessSpec.of(command, Output.appendTo(log)).withEnvironment(environment).withNewSession(true);
    }
}
