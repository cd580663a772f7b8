package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.TestBinary;
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
    void theExecCommandNamesTheJvmItsBoundAndTheInodeOfEachExistingDatabase() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        Path notYet = dir.resolve("later.db");
        List<String> command = ReplicateCommand.of(settings(db), List.of(db, notYet));
        assertEquals(List.of(dir.resolve("litestream").toString(), "replicate", "-config", dir.resolve("c.yml").toString(),
                "-exec"), command.subList(0, 5));
        String exec = command.get(5);
        assertTrue(exec.startsWith("sh -c 'tail --pid=$1 -f /dev/null; "), exec);
        // 20 s of 50 ms polls; the database that does not exist yet has nothing to sync
        assertTrue(exec.endsWith("' litestream-agent-exec 4242 400 " + Files.getAttribute(db, "unix:ino")), exec);
        assertTrue(ReplicateCommand.isOurExec(exec));
    }

    @Test
    void anEarlierVersionsTailIsOursAndAnythingElseIsNot() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        String exec = ReplicateCommand.of(settings(db), List.of(db)).get(5);
        assertTrue(ReplicateCommand.isOurExec("tail --pid=123 -f /dev/null"));
        assertFalse(ReplicateCommand.isOurExec("tail --pid=123 -f /etc/passwd"));
        assertFalse(ReplicateCommand.isOurExec(exec.replace("exit 0", "rm -rf ~")));
        assertFalse(ReplicateCommand.isOurExec(exec + "; reboot"));
        assertFalse(ReplicateCommand.isOurExec("sleep 600"));
    }
}
