package dev.litestreamagent.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void everyTopLevelKeyHasOneVariableThatMapsBackToIt() {
        Set<String> variables = new HashSet<>();
        for (Key<?> key : Keys.topLevel()) {
            assertTrue(key.name().startsWith(Keys.PREFIX), key.name());
            assertTrue(variables.add(key.envName()), "two keys share " + key.envName());
            assertEquals(Optional.of(key.name()), Keys.fromEnvName(key.envName()));
        }
        assertEquals("LITESTREAM_AGENT_RESTART_INITIAL_DELAY", Keys.RESTART_INITIAL_DELAY.envName());
        assertEquals("LITESTREAM_AGENT_DBS_<ALIAS>_RESTORE_ON_START", Keys.DB_RESTORE_ON_START.envName());
    }

    /** A default printed in settings() must read back as the same value. */
    @Test
    void everyDefaultIsAValueOfItsOwnType() {
        for (Key<?> key : Keys.topLevel()) {
            assertRoundTrip(key);
        }
    }

    private static <T> void assertRoundTrip(Key<T> key) {
        if (key.defaultValue() != null) {
            assertEquals(key.defaultValue(), key.type().parse(key.type().format(key.defaultValue())), key.name());
        }
    }
}
