package dev.litestreamagent.e2e;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One machine running an application under the agent: a folder with {@code data/<alias>.db} per
 * database, each replicated to its own file replica under {@code replica/}, and the
 * {@code litestream.properties} (one {@code litestream.dbs.<alias>.path} per database) that both
 * the agent and the CLI read from the working directory.
 */
final class Deployment {
    private final Harness harness;
    private final Path dir;

    private Deployment(Harness harness, Path dir) {
        this.harness = harness;
        this.dir = dir;
    }

    static Deployment create(Harness harness, Path dir, List<String> aliases) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("litestream.bin-path=" + harness.binary());
        for (String alias : aliases) {
            String prefix = "litestream.dbs." + alias + ".";
            lines.add(prefix + "path=" + dir.resolve("data").resolve(alias + ".db"));
            lines.add(prefix + "replica.type=file");
            lines.add(prefix + "replica.path=" + dir.resolve("replica").resolve(alias));
        }
        Files.write(dir.resolve("litestream.properties"), lines, StandardCharsets.UTF_8);
        return new Deployment(harness, dir);
    }

    Path data() {
        return dir.resolve("data");
    }

    Path db(String alias) {
        return data().resolve(alias + ".db");
    }

    /** Runs {@code java [jvmArgs] -javaagent:... -jar app.jar appArgs} in the folder, to its end. */
    ProcessResult run(List<String> jvmArgs, Path appJar, String... appArgs) throws Exception {
        return ProcessResult.run(AgentProcess.appUnderAgent("config=" + dir.resolve("litestream.properties"), jvmArgs,
                appJar, appArgs), Map.of(), dir, 180);
    }

    /** A new machine: the data folder is empty (no database, -wal, -shm or agent state), the replicas stay. */
    void loseDatabases() throws IOException {
        try (Stream<Path> files = Files.walk(data())) {
            files.filter(file -> !file.equals(data())).sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** Restores {@code alias} as an operator would, {@code java -jar litestream-agent.jar restore -o OUT alias}. */
    Path restoreWithCli(String alias) throws Exception {
        Path out = restoreTarget(alias);
        ProcessResult restore = AgentProcess.cli(dir, Map.of(), "restore", "-o", out.toString(), alias);
        if (restore.exitCode() != 0) {
            throw new AssertionError("restore of " + alias + " with the CLI failed: " + restore);
        }
        return out;
    }

    private Path restoreWithBinary(String alias) throws Exception {
        Path out = restoreTarget(alias);
        return harness.restore(harness.writeConfig(db(alias), Harness.fileReplicaYaml(dir.resolve("replica").resolve(alias))),
                db(alias), out);
    }

    /**
     * Whether the replica of {@code alias} holds exactly the rows of {@code table} the application
     * acknowledged (restored with the bare binary: no JVM to start, quicker when there are many).
     */
    Optional<String> replicaMismatch(String alias, String table, SortedSet<Long> acked) throws Exception {
        SortedSet<Long> restored = longs(restoreWithBinary(alias), "SELECT id FROM " + table);
        return restored.equals(acked) ? Optional.empty()
                : Optional.of(alias + ": acknowledged " + acked + ", the replica has " + restored);
    }

    /** Where a restore of {@code alias} goes: {@code restored/<alias>.db}, no earlier copy left (restore refuses to overwrite). */
    private Path restoreTarget(String alias) throws IOException {
        Path out = dir.resolve("restored").resolve(alias + ".db");
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        return out;
    }

    /** The first column of {@code sql} over {@code db}, as whole numbers. */
    static SortedSet<Long> longs(Path db, String sql) throws SQLException {
        SortedSet<Long> values = new TreeSet<>();
        try (Connection connection = Sqlite.open(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }
}
