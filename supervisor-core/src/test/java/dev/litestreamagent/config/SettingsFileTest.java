package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir
    Path cwd;
    @TempDir
    Path classPath;

    private ClassLoader classPathWithAFile() throws Exception {
        Files.writeString(classPath.resolve(SettingsFile.FILE_NAME), "litestream.enabled=true\n");
        return new URLClassLoader(new URL[] {classPath.toUri().toURL()}, null);
    }

    @Test
    void aNamedFileWinsEvenWhenItIsMissingSoTheLoadCanReportIt() throws Exception {
        Files.writeString(cwd.resolve(SettingsFile.FILE_NAME), "");
        SettingsFile file = SettingsFile.locate("conf/../other.properties", cwd, classPathWithAFile());
        assertEquals(cwd.resolve("other.properties"), file.path());
        assertEquals("conf/../other.properties", file.named());
        assertNull(file.resource());
    }

    @Test
    void theWorkingDirectoryFileComesBeforeTheClassPath() throws Exception {
        Files.writeString(cwd.resolve(SettingsFile.FILE_NAME), "");
        SettingsFile file = SettingsFile.locate(null, cwd, classPathWithAFile());
        assertEquals(cwd.resolve(SettingsFile.FILE_NAME), file.path());
        assertNull(file.resource());
    }

    @Test
    void theClassPathIsTheLastPlaceAndNothingFoundIsNoError() throws Exception {
        assertEquals(classPath.resolve(SettingsFile.FILE_NAME).toUri().toURL(),
                SettingsFile.locate(null, cwd, classPathWithAFile()).resource());
        SettingsFile none = SettingsFile.locate(null, cwd, null);
        assertNull(none.path());
        assertNull(none.resource());
    }

    @Test
    void agentArgumentKeysTakeConfigAndAnOptionalPrefix() {
        assertEquals("litestream.config-file", SettingsFile.agentArgumentKey("config"));
        assertEquals("litestream.config-file", SettingsFile.agentArgumentKey("config-file"));
        assertEquals("litestream.config-file", SettingsFile.agentArgumentKey("litestream.config-file"));
        assertEquals("litestream.stop-timeout", SettingsFile.agentArgumentKey("stop-timeout"));
    }
}
