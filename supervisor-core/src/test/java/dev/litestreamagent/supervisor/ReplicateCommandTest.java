package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.TestBinary;
import dev.litestreamagent.exec.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The -exec command that ends Litestream with the JVM, and its recognition as ours (orphans). */
class ReplicateCommandTest {
    @TempDir
    Path dir;

    private SupervisorSettings settings(Path db) {
        return SupervisorSettings.builder().binary(dir.resolve("litestream")).configFile(dir.resolve("c.yml"))
                .databases(List.of(db)).parentPid(4242).stopTimeout(Duration.ofSeconds(20))
                .logMarkers(TestBinary.LOG_MARKERS).build();
    }

    @Test
    void theExecCommandNamesTheJvmAndItsBoundAndTheDatabasesComeInTheEnvironment() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        Path notYet = dir.resolve("later.db");
        List<String> command = ReplicateCommand.of(settings(db));
        assertEquals(List.of(dir.resolve("litestream").toString(), "replicate", "-config", dir.resolve("c.yml").toString(),
                "-exec"), command.subList(0, 5));
        String exec = command.get(5);
        assertTrue(exec.startsWith("sh -c 'j=$1; m=$2; "), exec);
        assertTrue(exec.contains("tail --pid=$1 -f /dev/null & "), exec);
        assertTrue(exec.endsWith("' litestream-agent-exec 4242 400"), exec); // 20 s of 50 ms polls
        assertTrue(ReplicateCommand.isOurExec(exec));
        ProcessSpec spec = ReplicateCommand.spec(command, List.of(db, notYet), settings(db), dir.resolve("log"));
        assertEquals(db.toAbsolutePath() + "\n" + notYet.toAbsolutePath() + "\n",
                spec.environment().get(ReplicateCommand.DATABASES_VARIABLE));
    }

    @Test
    void theVersionBeforeKeepsBeingRecognisedAsOurs() {
        assertTrue(ReplicateCommand.isOurExec("sh -c 'tail --pid=$1 -f /dev/null; [ -r /proc/locks ] || exit 0; "
                + "n=$2; shift 2; held=0; while [ $n -gt 0 ] && [ -d /proc/$PPID ]; do all=1; "
                + "for i do grep -Eq \" READ +$PPID [0-9a-f]+:[0-9a-f]+:$i 1073741826 \" /proc/locks || all=0; done; "
                + "if [ $all = 1 ]; then [ $held = 1 ] && exit 0; held=1; else held=0; fi; n=$((n-1)); sleep 0.05; done'"
                + " litestream-agent-exec 4242 400 12345"));
        assertTrue(ReplicateCommand.isOurExec("sh -c 'tail --pid=$1 -f /dev/null; [ -r /proc/locks ] || exit 0; "
                + "n=$2; held=0; while [ $n -gt 0 ] && [ -d /proc/$PPID ]; do "
                + "if printf \"%s\\n\" \"$LITESTREAM_AGENT_EXEC_DATABASES\" | { all=0; while IFS= read -r db; do "
                + "[ -z \"$db\" ] || [ ! -e \"$db\" ] || { i=$(stat -c %i \"$db-shm\" 2>/dev/null) && "
                + "grep -Eq \" READ +$PPID [0-9a-f]+:[0-9a-f]+:$i 12[3-7] \" /proc/locks; } || all=1; done; exit $all; }; "
                + "then [ $held -ge 9 ] && exit 0; held=$((held+1)); else held=0; fi; n=$((n-1)); sleep 0.05; done'"
                + " litestream-agent-exec 4242 400"), "the script of the version before the -exec guard");
    }

    @Test
    void anEarlierVersionsTailIsOursAndAnythingElseIsNot() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        String exec = ReplicateCommand.of(settings(db)).get(5);
        assertTrue(ReplicateCommand.isOurExec("tail --pid=123 -f /dev/null"));
        assertFalse(ReplicateCommand.isOurExec("tail --pid=123 -f /etc/passwd"));
        assertFalse(ReplicateCommand.isOurExec(exec.replace("exit 0", "rm -rf ~")));
        assertFalse(ReplicateCommand.isOurExec(exec + "; reboot"));
        assertFalse(ReplicateCommand.isOurExec("sleep 600"));
    }
}
