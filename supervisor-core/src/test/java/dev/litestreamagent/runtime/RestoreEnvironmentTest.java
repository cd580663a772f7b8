package dev.litestreamagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Go settings a restore on start's Litestream runs with. */
class RestoreEnvironmentTest {
    private static final Map<String, String> RENDERED = Map.of("LITESTREAM_SECRET_1", "s3cr3t");

    @Test
    void theCollectorIsHeldOffUpToAMemoryLimitBesideTheRenderedVariables() {
        assertEquals(Map.of("LITESTREAM_SECRET_1", "s3cr3t", "GOGC", "off", "GOMEMLIMIT", "64MiB"),
                RestoreEnvironment.of(RENDERED, Map.of("PATH", "/usr/bin"), LitestreamVersion.V0_3_13));
        assertEquals("off", RestoreEnvironment.of(RENDERED, Map.of(), LitestreamVersion.parse("0.5.2")).get("GOGC"));
    }

    @Test
    void anOperatorsOwnGoTuningIsKeptWhole() {
        assertEquals(RENDERED, RestoreEnvironment.of(RENDERED, Map.of("GOGC", "50"), LitestreamVersion.V0_3_13));
        assertEquals(RENDERED, RestoreEnvironment.of(RENDERED, Map.of("GOMEMLIMIT", "1GiB"), LitestreamVersion.V0_3_13));
        Map<String, String> own = Map.of("GOGC", "200");
        assertEquals(own, RestoreEnvironment.of(own, Map.of(), LitestreamVersion.V0_3_13));
    }

    @Test
    void aBuildThatMayPredateTheMemoryLimitNeverHasItsCollectorTurnedOff() {
        assertEquals(RENDERED, RestoreEnvironment.of(RENDERED, Map.of(), LitestreamVersion.parse("v0.3.9")));
    }
}
