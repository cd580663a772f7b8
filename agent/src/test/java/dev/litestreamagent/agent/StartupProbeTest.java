package dev.litestreamagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupProbeTest {
    private static final ClassLoader NO_RESOURCES = new ClassLoader(null) { };

    private static boolean probe(String args, Map<Object, Object> props, Map<String, String> env) {
        return StartupProbe.mustLoadBeforeMain(args, props, env, NO_RESOURCES);
    }

    @Test
    void anOrdinaryConfigurationIsReadOffMainsPath(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.properties"), List.of("litestream.dbs.app.path=app.db"));
        assertFalse(probe("config=" + file, Map.of(), Map.of()));
        assertFalse(probe(null, Map.of("litestream.config-file", file.toString()), Map.of("PATH", "/bin")));
    }

    @Test
    void anySourceThatMayAskForRequiredOrRestoreIsReadBeforeMain(@TempDir Path dir) throws Exception {
        assertTrue(probe("required=true", Map.of(), Map.of()));
        assertTrue(probe(null, Map.of("litestream.restore-on-start", "true"), Map.of()));
        assertTrue(probe(null, Map.of(), Map.of("LITESTREAM_AGENT_DBS_APP_RESTORE_ON_START", "true")));
        Path file = Files.write(dir.resolve("b.properties"), List.of("litestream.dbs.app.restore-on-start=true"));
        assertTrue(probe(null, Map.of(), Map.of("LITESTREAM_AGENT_CONFIG_FILE", file.toString())));
    }

    @Test
    void aNamedFileThatCannotBeReadIsReportedBeforeMain(@TempDir Path dir) {
        assertTrue(probe("config=" + dir.resolve("missing.properties"), Map.of(), Map.of()));
    }

    /** The probe must read the file the full load reads, or a restore-on-start could come too late. */
    @Test
    void itReadsTheSameFileAsTheFullLoad(@TempDir Path dir) throws Exception {
        Path plain = Files.write(dir.resolve("plain.properties"), List.of("litestream.dbs.app.path=app.db"));
        Path restoring = Files.write(dir.resolve("restoring.properties"), List.of("litestream.restore-on-start=true"));
        assertTrue(probe("config=" + plain + ",config-file=" + restoring, Map.of(), Map.of()), "the last one wins");
        // untrimmed, these would name no file, which the probe treats as "load before main()"
        assertFalse(probe(null, Map.of("litestream.config-file", " " + plain + " "), Map.of()), "values are trimmed");
        assertFalse(probe(null, Map.of(), Map.of("LITESTREAM_AGENT_CONFIG_FILE", plain + " ")), "values are trimmed");
    }

    /** The probe keeps its words as constants (no registry in premain): they must be the registry's before-main keys. */
    @Test
    void itLooksForExactlyTheKeysTheRegistryMarksBeforeMain() {
        List<Key<?>> keys = new ArrayList<>(Keys.topLevel());
        keys.addAll(Keys.database());
        Set<String> expected = new LinkedHashSet<>();
        for (Key<?> key : keys) {
            if (key.beforeMain()) {
                String last = key.name().substring(key.name().lastIndexOf('.') + 1);
                expected.add(last);
                expected.add(last.replace('-', '_'));
            }
        }
        assertEquals(expected, new LinkedHashSet<>(Arrays.asList(StartupProbe.WORDS)));
        assertEquals(Keys.CONFIG_FILE.name(), Keys.CONFIG_FILE_NAME);
        assertTrue(probe(null, Map.of(), Map.of(Keys.CONFIG_FILE.envName(), dir().resolve("missing").toString())),
                "the probe reads the file named by " + Keys.CONFIG_FILE.envName());
    }

    private static Path dir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
