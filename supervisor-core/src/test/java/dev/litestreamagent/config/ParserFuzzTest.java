package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomized inputs for the agent-argument, properties, environment and JDBC URL parsers: whatever the
 * input, the only failure is a ConfigException (or IllegalArgumentException for {@link JdbcUrls}) whose
 * message names the key or URL; generated valid URLs map to the expected file. The seed is printed on
 * failure; rerun one with {@code -Dbadinput.seed=N}.
 */
class ParserFuzzTest {
    private static final int ITERATIONS = 2000;
    private static final String ALPHABET = "ab=,;$:?%&/.\\ _-#\"'`(){}\t\n\u0000\u00e9\u4e2d\ud83d\ude00";
    private static final List<String> KEYS = List.of("config", "stop-timeout", "litestream.enabled", "bin-path",
            "cache-dir", "version", "addr", "mcp-addr", "restart.jitter", "restart.multiplier", "download.sha256",
            "download.base-url", "dbs.main.url", "dbs.main.path", "dbs.main.replica.type", "dbs.main.replica.path",
            "dbs.main.replica.sync-interval", "dbs.ma in.url", "default-replica.bucket", "path-prefix", "nosuch");

    @TempDir
    Path dir;

    private final long seed = Long.getLong("badinput.seed", System.nanoTime());
    private final Random random = new Random(seed);

    private String randomText(int max) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(10) == 0 ? 0x20 + random.nextInt(0x2fff) : ALPHABET.codePointAt(
                    ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()))));
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private String randomValue() {
        switch (random.nextInt(4)) {
            case 0:
                return "jdbc:sqlite:" + randomText(12);
            case 1:
                return random.nextInt(100) + (random.nextBoolean() ? "s" : randomText(2));
            default:
                return randomText(16);
        }
    }

    private String randomAgentArgs() {
        StringBuilder sb = new StringBuilder();
        int pairs = random.nextInt(4);
        for (int i = 0; i < pairs; i++) {
            String key = random.nextInt(4) == 0 ? randomText(8) : KEYS.get(random.nextInt(KEYS.size()));
            sb.append(i == 0 ? "" : random.nextBoolean() ? "," : ";").append(key);
            if (random.nextInt(8) != 0) {
                sb.append('=').append(randomValue());
            }
        }
        return random.nextInt(10) == 0 ? randomText(30) : sb.toString();
    }

    /** Runs {@code check} ITERATIONS times, naming the seed and the iteration when one fails. */
    private void repeat(Check check) throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            try {
                check.run();
            } catch (Throwable t) {
                throw new AssertionError("failed at iteration " + i + " with -Dbadinput.seed=" + seed + ": " + t, t);
            }
        }
    }

    interface Check {
        void run() throws Exception;
    }

    private void loadExpectingOnlyConfigProblems(ConfigInput input, String shownInput) {
        try {
            ConfigLoader.load(input);
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty(), shownInput);
            for (ConfigProblem p : e.problems()) {
                assertFalse(p.key().isBlank(), "a problem without a key for " + shownInput + ": " + p);
                assertFalse(p.expected().isBlank(), "a problem without an expectation for " + shownInput + ": " + p);
                assertTrue(e.getMessage().contains(p.key()), e.getMessage());
            }
        }
    }

    @Test
    void agentArgumentsAndSystemPropertiesFailOnlyWithProblemsNamingTheKey() throws Exception {
        repeat(() -> {
            String args = randomAgentArgs();
            Map<String, String> sysprops = new HashMap<>();
            sysprops.put("litestream." + KEYS.get(random.nextInt(KEYS.size())), randomValue());
            loadExpectingOnlyConfigProblems(ConfigInput.of(args, sysprops, Map.of(), dir, null),
                    "agent argument " + args + " and " + sysprops);
        });
    }

    @Test
    void propertiesFilesFailOnlyWithProblemsNamingTheKey() throws Exception {
        Path file = dir.resolve("litestream.properties");
        repeat(() -> {
            StringBuilder text = new StringBuilder();
            for (int line = random.nextInt(4); line > 0; line--) {
                text.append(random.nextBoolean() ? "litestream." + KEYS.get(random.nextInt(KEYS.size())) : randomText(10))
                        .append(random.nextBoolean() ? "=" : random.nextBoolean() ? ":" : " ")
                        .append(randomValue()).append(random.nextInt(5) == 0 ? "\\u12" : "").append('\n');
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            loadExpectingOnlyConfigProblems(ConfigInput.of(null, Map.of(), Map.of(), dir, null), "file " + text);
        });
    }

    @Test
    void environmentVariablesFailOnlyWithProblemsNamingTheVariableOrKey() throws Exception {
        repeat(() -> {
            String name = "LITESTREAM_AGENT_" + (random.nextBoolean() ? "DBS_" : "") + randomText(10)
                    .toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", random.nextBoolean() ? "_" : "");
            Map<String, String> env = Map.of(name, randomValue());
            loadExpectingOnlyConfigProblems(ConfigInput.of(null, Map.of(), env, dir, null), "environment " + env);
        });
    }

    @Test
    void randomJdbcUrlsGiveAPathOrAnIllegalArgumentExceptionNamingTheUrl() throws Exception {
        repeat(() -> {
            String url = (random.nextInt(5) == 0 ? "" : "jdbc:sqlite:") + (random.nextBoolean() ? "file:" : "")
                    + (random.nextBoolean() ? "//" : "") + randomText(20);
            try {
                Path path = JdbcUrls.toPath(url, dir);
                assertTrue(path.isAbsolute(), url + " -> " + path);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("\"" + url + "\""), "message does not name the URL: " + e.getMessage());
                assertTrue(e.getMessage().contains("expected"), e.getMessage());
            }
        });
    }

    /** A file name of letters (some not ASCII), digits, space, '-', '_', '.', '%', '=' and ','. */
    private String randomName() {
        String chars = "abcXYZ019 -_.%=,;$:\u00e9\u00df\u4e2d";
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        String name = sb.toString().trim();
        return name.isEmpty() || name.equals(".") || name.equals("..") || name.startsWith(":") ? "db" + name : name;
    }

    /** Percent-encodes what a URI path cannot hold literally (and, at random, some characters it can). */
    private String encode(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_./".indexOf(c) >= 0;
            if (plain && !(c != '/' && random.nextInt(10) == 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    @Test
    void validUrlsRoundTripToTheirFile() throws Exception {
        repeat(() -> {
            String relative = randomName() + (random.nextBoolean() ? "/" + randomName() : "") + ".db";
            boolean absolute = random.nextBoolean();
            String path = absolute ? "/var/data/" + relative : relative;
            Path expected = absolute ? Path.of(path) : dir.resolve(relative).normalize();
            String params = random.nextBoolean() ? "" : "?journal_mode=WAL&busy_timeout=5000";
            String url;
            switch (random.nextInt(4)) {
                case 0:
                    url = "jdbc:sqlite:" + path.replace("?", "") + params;
                    expected = absolute ? Path.of(path.replace("?", "")) : dir.resolve(relative.replace("?", "")).normalize();
                    break;
                case 1:
                    url = "jdbc:sqlite:file:" + encode(path) + params;
                    break;
                default:
                    if (!absolute) {
                        url = "jdbc:sqlite:file:" + encode(path) + "?mode=rwc";
                    } else {
                        url = "jdbc:sqlite:file://" + (random.nextBoolean() ? "" : "localhost") + encode(path) + params;
                    }
            }
            assertEquals(expected, JdbcUrls.toPath(url, dir), url);
        });
    }
}
