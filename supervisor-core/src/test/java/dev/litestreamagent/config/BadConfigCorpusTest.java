package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of {@code bad-input/config-cases.tsv}: each line is a configuration a user could
 * write, which must be refused with a problem naming the key (or variable, or agent argument) and saying
 * what was expected. Adding a case is adding a line.
 */
class BadConfigCorpusTest {
    static final String CORPUS = "/bad-input/config-cases.tsv";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = BadConfigCorpusTest.class.getResourceAsStream(CORPUS)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 4) {
                    throw new IllegalStateException(CORPUS + " line " + (i + 1) + ": expected 4 TAB-separated columns, "
                            + "found " + columns.length + ": " + line);
                }
                cases.add(Arguments.of(i + 1, columns[0], columns[1], columns[2], columns[3]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "line {0}: {1} {2}")
    @MethodSource("cases")
    void isRefusedWithAProblemNamingTheKey(int line, String source, String input, String key, String fragment)
            throws Exception {
        String text = input.replace("${DIR}", dir.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> load(source, text),
                "line " + line + " was accepted: " + input);
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
        boolean named = e.problems().stream()
                .anyMatch(p -> p.key().equals(key) && p.toString().contains(fragment.replace("${DIR}", dir.toString())));
        assertTrue(named, "line " + line + ": no problem for key \"" + key + "\" containing \"" + fragment + "\"; got "
                + problems);
        assertTrue(e.getMessage().contains(key), e.getMessage());
        for (ConfigProblem p : e.problems()) {
            assertTrue(!p.key().isEmpty() && !p.expected().isEmpty(), "a problem without key or expectation: " + p);
        }
    }

    private void load(String source, String input) throws Exception {
        Map<String, String> sysprops = new HashMap<>();
        Map<String, String> env = new HashMap<>();
        String agentArgs = null;
        switch (source) {
            case "file":
            case "render":
                Files.writeString(dir.resolve("litestream.properties"),
                        String.join("\n", input.split(" \\| ")) + "\n", StandardCharsets.UTF_8);
                break;
            case "sysprop":
                pairs(input, sysprops);
                break;
            case "env":
                pairs(input, env);
                break;
            case "agent":
                agentArgs = input;
                break;
            default:
                fail("unknown source \"" + source + "\" in " + CORPUS);
        }
        AgentConfig config = ConfigLoader.load(ConfigInput.of(agentArgs, sysprops, env, dir, null));
        if (source.equals("render")) {
            LitestreamYaml.render(config, config.statedVersion().orElseThrow());
        }
        fail("loaded without a problem; warnings: " + config.warnings());
    }

    private static void pairs(String input, Map<String, String> into) {
        for (String pair : input.split(" \\| ")) {
            int eq = pair.indexOf('=');
            assertTrue(eq > 0, "not NAME=value: " + pair);
            into.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }

    /** The corpus keeps its promise of being large. */
    @org.junit.jupiter.api.Test
    void holdsAtLeastFiftyCases() throws IOException {
        assertTrue(cases().count() >= 50, "the corpus shrank");
        assertEquals(0, cases().filter(a -> a.get()[1].toString().isBlank()).count());
    }
}
