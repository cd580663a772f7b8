package dev.litestreamagent.cli;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.supervisor.Clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.ConfigInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI's bad-input corpus, {@code bad-input/cli-cases.tsv}: each command line exits with the expected code
 * and a message naming the argument, and never prints a stack trace. Nothing is run: Litestream is a
 * {@link RecordingLauncher}, so every case must fail before launching.
 */
class BadCliInputTest {
    static final String CORPUS = "/bad-input/cli-cases.tsv";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = BadCliInputTest.class.getResourceAsStream(CORPUS)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] columns = lines[i].split("\t", -1);
                if (columns.length != 4) {
                    throw new IllegalStateException(CORPUS + " line " + (i + 1) + ": expected 4 TAB-separated columns: "
                            + lines[i]);
                }
                cases.add(Arguments.of(i + 1, columns[0], columns[1], Integer.parseInt(columns[2]), columns[3]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "line {0}: [{1}] {2}")
    @MethodSource("cases")
    void exitsWithAMessageNamingTheArgument(int line, String context, String args, int exit, String fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RecordingLauncher launcher = new RecordingLauncher();
        Cli cli = new Cli(loader(context), launcher, Clock.SYSTEM, () -> {
            throw new AssertionError("SQLite was loaded for a command line that is wrong");
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        int code = cli.run(args.isEmpty() ? new String[0] : args.split(" "));

        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(exit, code, "line " + line + ": " + args + "\n" + printed);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(fragment),
                "line " + line + ": stderr lacks \"" + fragment + "\":\n" + printed);
        assertFalse(printed.contains("Exception") || printed.contains("\tat "), "line " + line + ": a stack trace:\n" + printed);
        assertEquals(List.of(), launcher.commands, "line " + line + ": Litestream was started for a bad command line");
    }

    private CliContext.Loader loader(String context) {
        if (context.equals("broken")) {
            return () -> ConfigCliContext.load(ConfigInput.of(null, Map.of("litestream.stop-timout", "5s",
                    "litestream.dbs.default.path", "app.db"), Map.of(), dir, null));
        }
        if (context.startsWith("props:")) { // the real loader given one -D setting: props:KEY=VALUE
            String[] setting = context.substring(6).split("=", 2);
            return () -> ConfigCliContext.load(ConfigInput.of(null, Map.of(setting[0], setting[1],
                    "litestream.dbs.default.path", "app.db"), Map.of(), dir, null));
        }
        FakeContext fake = new FakeContext(context.equals("0.5") ? "0.5.2" : "v0.3.13");
        return () -> fake;
    }

    /** Issue 17 (15): an argument holding a terminal escape is echoed disarmed ('?'), not obeyed. */
    @Test
    void escapeSequencesInArgumentsAreNotEchoedRaw() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(loader("0.3"), new RecordingLauncher(), Clock.SYSTEM, () -> {
            throw new AssertionError("SQLite was loaded");
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, cli.run("restore", "\u001b[2J\u001b]0;pwned\u0007db"));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("?[2J?]0;pwned?db"), printed);
        assertTrue(printed.chars().noneMatch(c -> c == 0x1b || c == 0x07), printed);
    }

    @Test
    void holdsAtLeastFortyCases() throws IOException {
        assertTrue(cases().count() >= 40, "the corpus shrank");
    }
}
