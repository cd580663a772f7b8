package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Settings that would expose the machine: listening beyond loopback warns; aliases never carry SQL or shell syntax. */
class ExposureTest {
    @TempDir
    Path dir;

    private AgentConfig load(Map<String, String> sysprops) throws ConfigException {
        return ConfigLoader.load(ConfigInput.of(null, sysprops, Map.of(), dir, null));
    }

    private List<String> listeningWarnings(AgentConfig config) {
        return config.warnings().stream().filter(w -> w.contains("listens beyond this machine")).collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {":9090", "0.0.0.0:9090", "10.1.2.3:9090", "[::]:9090", "db.example:9090", "128.0.0.1:9090"})
    void anAddressReachableFromOtherMachinesWarns(String address) throws Exception {
        for (String key : List.of("litestream.addr", "litestream.mcp-addr", "litestream.health.addr")) {
            List<String> warnings = listeningWarnings(load(Map.of(key, address)));
            assertEquals(1, warnings.size(), key + "=" + address + ": " + warnings);
            assertTrue(warnings.get(0).startsWith(key + ": \"" + address + "\""), warnings.get(0));
            assertTrue(warnings.get(0).contains("no authentication"), warnings.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9090", "localhost:9090", "LOCALHOST:9090", "[::1]:9090", "127.10.0.1:9090"})
    void aLoopbackAddressDoesNotWarn(String address) throws Exception {
        AgentConfig config = load(Map.of("litestream.addr", address, "litestream.mcp-addr", address,
                "litestream.health.addr", address));
        assertEquals(List.of(), listeningWarnings(config));
        assertEquals(address, config.addr().orElseThrow());
        assertEquals(address, config.healthAddr().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;rm -rf", "a'--", "$(x)", "a b", "a\"b", "`id`", "a|b", "a&b", "a>b", "a\\b", "x\u00e9",
            "a\nb", "-rf", "a*"})
    void anAliasWithSqlOrShellSyntaxIsRefusedNamingTheKey(String alias) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("litestream.dbs." + alias + ".url", "jdbc:sqlite:a.db")));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("litestream.dbs." + alias)
                && p.expected().contains("letters, digits, '-' and '_'")), e.getMessage());
    }
}
