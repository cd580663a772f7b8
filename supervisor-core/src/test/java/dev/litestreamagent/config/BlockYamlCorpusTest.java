package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A corpus and 5000 random scalars: the direct writer gives SnakeYAML's bytes or nothing: every scalar it writes plain is one SnakeYAML writes
 * plain too, whatever looks like a number, a boolean, a date or an indicator is left to SnakeYAML.
 */
class BlockYamlCorpusTest {
    private static final List<String> SCALARS = List.of("/var/lib/app.db", "http://minio:9000", "127.0.0.1:9090",
            "250ms", "1h", "24h", "10000", "1_000", "0x1F", "0b101", "017", "1e3", "1.5", ".5", ".inf", ".NaN", "1:30",
            "190:20:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "true", "False", "yes", "NO", "on", "Off", "null",
            "~", "", " ", "a b", "a: b", "a:", "a #b", "#a", "-a", "- a", "?a", "? a", ":a", "[a]", "{a}", "a,b", "a{b}",
            "${HOSTNAME}", "$VAR", "/x/${LSA_DOLLAR}y/${A}/z", "&a", "*a", "!a", "|a", ">a", "'a", "\"a", "%a", "@a",
            "`a", "a'b", "a\"b", "a\\b", "a\tb", "a\nb", "é", "<<", "=", "_a", "a.b-c_d", "s3://bucket.host:9000/p",
            "x".repeat(200));

    @Test
    void everyScalarIsWrittenAsSnakeYamlWritesItOrLeftToIt() {
        int written = 0;
        for (String scalar : SCALARS) {
            written += check(config(scalar, scalar)) ? 1 : 0;
            written += check(config("path", new EnvEncoding.Quoted(scalar))) ? 1 : 0;
        }
        assertTrue(written > SCALARS.size() / 2, "the common cases are written directly: " + written);
    }

    @Test
    void randomScalarsFromIndicatorsAndDigits() {
        Random random = new Random(42);
        String alphabet = "aZ09_-./:${}#?!&*'\" ,[]eEx+~";
        for (int i = 0; i < 5000; i++) {
            StringBuilder scalar = new StringBuilder();
            for (int length = random.nextInt(6); length >= 0; length--) {
                scalar.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check(config("k", scalar.toString()));
        }
    }

    @Test
    void theConfigsShapesGiveSnakeYamlsBytes() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("addr", "127.0.0.1:9090");
        Map<String, Object> logging = new LinkedHashMap<>();
        logging.put("level", "debug");
        logging.put("stderr", Boolean.TRUE);
        root.put("logging", logging);
        root.put("snapshot", new LinkedHashMap<>(Map.of("interval", "1h")));
        root.put("levels", List.of(Map.of("interval", "30s"), Map.of("interval", "5m")));
        root.put("dbs", new ArrayList<>());
        check(root); // an empty list may be left to SnakeYAML
        root.put("dbs", List.of(database("/a.db", 2), database("/b.db", 1)));
        root.put("max", 10000L);
        check(root); // several databases and replicas: SnakeYAML's bytes, by either writer
    }

    /** True when written directly (then the same as SnakeYAML's). */
    private static boolean check(Map<String, Object> root) {
        Optional<String> direct = BlockYaml.write(root);
        direct.ifPresent(yaml -> assertEquals(SnakeYamlDump.dump(root), yaml, root.toString()));
        return direct.isPresent();
    }

    private static Map<String, Object> config(String key, Object value) {
        Map<String, Object> replica = new LinkedHashMap<>();
        replica.put("type", "file");
        replica.put(key, value);
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("path", "/a.db");
        db.put("replicas", List.of(replica));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dbs", List.of(db));
        return root;
    }

    private static Map<String, Object> database(String path, int replicas) {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("path", path);
        db.put("monitor-interval", "100ms");
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            Map<String, Object> replica = new LinkedHashMap<>();
            replica.put("name", "r" + i);
            replica.put("type", "s3");
            replica.put("force-path-style", Boolean.TRUE);
            replica.put("secret-access-key", new EnvEncoding.Quoted("${LSA_SECRET_R" + i + "}"));
            list.add(replica);
        }
        db.put("replicas", list);
        return db;
    }
}
