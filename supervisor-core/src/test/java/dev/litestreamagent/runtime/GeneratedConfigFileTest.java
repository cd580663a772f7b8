package dev.litestreamagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    @Test
    void eachFileIsNewOwnerOnlyAndHoldsItsYaml() throws Exception {
        try (GeneratedConfigFile first = GeneratedConfigFile.write("dbs: []\n");
                GeneratedConfigFile second = GeneratedConfigFile.write("addr: :9090\n")) {
            assertNotEquals(first.path(), second.path());
            first.rewrite("logging:\n  level: debug\n");
            assertEquals("logging:\n  level: debug\n", Files.readString(first.path()));
            assertEquals("addr: :9090\n", Files.readString(second.path()));
            for (Path path : List.of(first.path(), second.path())) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
            }
        }
    }
}
