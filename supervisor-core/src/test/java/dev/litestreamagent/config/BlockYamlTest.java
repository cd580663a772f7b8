package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The config a user gets must not depend on which writer wrote it: whatever {@link BlockYaml} writes is
 * byte for byte what SnakeYAML writes, and it leaves to SnakeYAML every value it cannot vouch for.
 */
class BlockYamlTest {
    /** Values a config holds, and values YAML would read as something else or that need quoting. */
    private static final List<Object> VALUES = List.of(
            "/var/lib/app/app.db", "/backups/${LSA_DOLLAR}weird-dir/${HOSTNAME}/cache", "$LITESTREAM_BUCKET",
            "${SFTP_PASSWORD}", "s3", "audit-backups", "http://minio:9000", "sftp://backup.example.test:22/app",
            "https://hc-ping.example.test/uuid", "eu-west-1", "250ms", "1s", "1h30m", "1.5h", "168h", "5m",
            "127.0.0.1:9090", ":9090", "yes", "No", "ON", "off", "y", "n", "null", "Null", "~", "true", "False",
            "1e5", "0x1F", "0b101", "017", "1_000", "1:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00", ".5",
            ".inf", ".NaN", "1.", "-", "--- x", "...", "a: b", "a:", "a #b", "a#b", "#x", "!tag", "&anchor", "*alias",
            "|", ">", "%x", "@x", "`x", "'x'", "\"x\"", "[a]", "{a}", "a,b", "a?b", "?a", "<<", "=", " lead",
            "trail ", "", "tab\there", "line\nbreak", "caf\u00e9", "x".repeat(200), "1.2.3", "10000", "1m1", "5mm",
            true, false, 42L, -7L, new EnvEncoding.Quoted("${LSA_SECRET_APP_PASSWORD}"),
            new EnvEncoding.Quoted("a\"b"), new EnvEncoding.Quoted("a b"));

    @Test
    void writesWhatSnakeYamlWritesOrLeavesItToIt() {
        for (Object value : VALUES) {
            for (Map<String, Object> tree : List.of(Map.of("key", value), nested(value))) {
                Optional<String> written = BlockYaml.write(tree);
                if (written.isPresent()) {
                    assertEquals(SnakeYamlDump.dump(tree), written.get(), "value " + value);
                }
            }
            if (value instanceof String) {
                Optional<String> asKey = BlockYaml.write(Map.of((String) value, "v"));
                if (asKey.isPresent()) {
                    assertEquals(SnakeYamlDump.dump(Map.of((String) value, "v")), asKey.get(), "key " + value);
                }
            }
        }
    }

    @Test
    void writesAnOrdinaryConfigItself() {
        for (Object value : List.of("/var/lib/app/app.db", "$BUCKET", "${LSA_DOLLAR}x", "s3", "250ms", "1h30m",
                "http://minio:9000", true, 10000L, new EnvEncoding.Quoted("${LSA_SECRET_APP_PASSWORD}"))) {
            assertTrue(BlockYaml.write(nested(value)).isPresent(), "value " + value);
        }
    }

    @Test
    void leavesEmptyCollectionsListsOfScalarsAndAnchorsToSnakeYaml() {
        Map<String, Object> emptyList = new LinkedHashMap<>();
        emptyList.put("dbs", new ArrayList<>());
        Map<String, Object> emptyMap = new LinkedHashMap<>();
        emptyMap.put("logging", new LinkedHashMap<>());
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("levels", List.of("5m", "1h"));
        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("a", logging("info"));
        twice.put("b", twice.get("a"));
        for (Map<String, Object> tree : List.of(emptyList, emptyMap, scalars, twice)) {
            assertFalse(BlockYaml.write(tree).isPresent(), tree.toString());
        }
    }

    /** {@code value} where Litestream's configs put values: a replica's option in a database's list of replicas. */
    private static Map<String, Object> nested(Object value) {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("path", "/data/app.db");
        db.put("replicas", List.of(replica(value)));
        db.put("replica", replica(value));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("logging", logging("info"));
        root.put("levels", List.of(Map.of("interval", value), Map.of("interval", "1h")));
        root.put("dbs", List.of(db, Map.of("path", "/data/other.db")));
        return root;
    }

    private static Map<String, Object> replica(Object value) {
        Map<String, Object> replica = new LinkedHashMap<>();
        replica.put("type", "s3");
        replica.put("option", value);
        return replica;
    }

    private static Map<String, Object> logging(String level) {
        Map<String, Object> logging = new LinkedHashMap<>();
        logging.put("level", level);
        return logging;
    }
}
