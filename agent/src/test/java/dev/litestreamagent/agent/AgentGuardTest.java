package dev.litestreamagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.settings.Keys;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentGuardTest {
    @AfterEach
    void release() {
        System.clearProperty(AgentGuard.MARKER);
    }

    @Test
    void onlyTheFirstLoadProceeds() {
        assertTrue(AgentGuard.claim("premain"));
        assertFalse(AgentGuard.claim("agentmain"));
        assertFalse(AgentGuard.claim("premain"));
        assertTrue(System.getProperty(AgentGuard.MARKER).startsWith("premain from "), System.getProperty(AgentGuard.MARKER));
    }

    @Test
    void aCopyOfTheAgentInAnotherClassLoaderSeesTheFirstLoad() throws Exception {
        assertTrue(AgentGuard.claim("premain"));
        Path classes = Paths.get(AgentGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // The agent jar holds supervisor-core's classes too (the key registry the logging reads).
        URL core = Keys.class.getProtectionDomain().getCodeSource().getLocation();
        // Parent = platform loader: the copy's AgentGuard is a different class with its own statics.
        try (URLClassLoader other = new URLClassLoader(new URL[] {classes.toUri().toURL(), core, slf4jJar()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = other.loadClass(AgentGuard.class.getName());
            assertTrue(copy != AgentGuard.class);
            assertEquals(false, copy.getMethod("claim", String.class).invoke(null, "agentmain"));
        }
    }

    @Test
    void racingLoadsHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> loads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                loads.add(() -> AgentGuard.claim("premain"));
            }
            long winners = 0;
            for (Future<Boolean> load : pool.invokeAll(loads)) {
                winners += load.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    private static URL slf4jJar() {
        return org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
    }
}
