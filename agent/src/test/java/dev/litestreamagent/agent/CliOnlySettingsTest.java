package dev.litestreamagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the agent refuses to start with, rather than drop: {@code litestream.exec} and directory entries. */
class CliOnlySettingsTest {
    private static AgentConfig load(String args) throws Exception {
        return ConfigLoader.load(ConfigInput.of(args, Map.of(), Map.of(), Path.of("/srv/app"), null));
    }

    @Test
    void fileDatabasesAloneAreFine() throws Exception {
        assertEquals(Optional.empty(), CliOnlySettings.problem(load("dbs.a.path=a.db;dbs.a.replica.type=file;"
                + "dbs.a.replica.path=/b")));
    }

    @Test
    void execAndEachDirectoryEntryAreNamedWithWhyAndTheCommandIsNotShown() throws Exception {
        String problem = CliOnlySettings.problem(load("exec=app --password=hunter2;dbs.a.path=a.db;"
                + "dbs.a.replica.type=file;dbs.a.replica.path=/b;dbs.t.dir=/d;dbs.t.pattern=*.db;"
                + "dbs.t.replica.type=file;dbs.t.replica.path=/c")).get();
        assertEquals("Settings for the CLI's replicate only:\n"
                + "litestream.exec: was set (****), expected no exec command under the agent: the agent runs Litestream"
                + " with its own -exec (which ends Litestream with the JVM) and that replaces this one, which would"
                + " never run; it is for the CLI's replicate\n"
                + "litestream.dbs.t.dir: was \"/d\", expected a database file (litestream.dbs.t.path or .url) under the"
                + " agent: restore on start, the schema-settle hold, the one-replicator lock, verify and health work"
                + " per file, and the agent knows no file of a directory entry; replicate a directory with the CLI's"
                + " replicate", problem);
        assertFalse(problem.contains("hunter2"));
    }
}
