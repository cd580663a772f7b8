package dev.litestreamagent.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, finding 13: a JVM killed by SIGKILL left its generated config in the temp folder forever. */
class GeneratedConfigFileTest {
    @TempDir
    Path temp;

    @Test
    void configsOfDeadJvmsAreRemovedAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        Path leftover = Files.writeString(temp.resolve("litestream-agent-" + dead + "-123.yml"), "dbs: []\n");
        Path leftoverNext = Files.writeString(temp.resolve("litestream-agent-" + dead + "-456.yml.next"), "dbs: []\n");
        Path live = Files.writeString(temp.resolve("litestream-agent-" + alive + "-123.yml"), "dbs: []\n");
        Path unrelated = Files.writeString(temp.resolve("litestream-agent-notes.yml"), "mine\n");
        Path target = Files.writeString(temp.resolve("target"), "keep\n");
        Path link = Files.createSymbolicLink(temp.resolve("litestream-agent-" + dead + "-789.yml"), target);

        GeneratedConfigFile.removeLeftovers(temp);

        assertFalse(Files.exists(leftover) || Files.exists(leftoverNext), "a dead JVM's config is still there");
        assertTrue(Files.exists(live), "a running JVM's config was removed");
        assertTrue(Files.exists(unrelated) && Files.exists(target) && Files.isSymbolicLink(link));
    }

    @Test
    void theFileNameCarriesThisJvmsPid() throws Exception {
        try (GeneratedConfigFile file = GeneratedConfigFile.write("dbs: []\n")) {
            assertTrue(file.path().getFileName().toString().startsWith("litestream-agent-" + ProcessHandle.current().pid() + "-"),
                    file.path().toString());
        }
    }
}
