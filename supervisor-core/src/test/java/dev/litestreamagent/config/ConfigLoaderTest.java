package dev.litestreamagent.config;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.supervisor.RestartPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private String agentArgs;
    private final Map<String, String> sysprops = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private ClassLoader classLoader;

    private AgentConfig load() throws ConfigException {
        return ConfigLoader.load(ConfigInput.of(agentArgs, sysprops, env, dir, classLoader));
    }

    private ConfigException failure() {
        return assertThrows(ConfigException.class, this::load);
    }

    private Path file(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
        return file;
    }

    // ---- precedence: agent argument > system property > environment > file > default

    private void stopTimeoutEverywhere() throws Exception {
        file("litestream.properties", "litestream.stop-timeout=1s");
        env.put("LITESTREAM_AGENT_STOP_TIMEOUT", "2s");
        sysprops.put("litestream.stop-timeout", "3s");
        agentArgs = "stop-timeout=4s";
    }

    @Test
    void agentArgumentBeatsEverything() throws Exception {
        stopTimeoutEverywhere();
        assertEquals(Duration.ofSeconds(4), load().stopTimeout());
    }

    @Test
    void systemPropertyBeatsEnvironmentAndFile() throws Exception {
        stopTimeoutEverywhere();
        agentArgs = null;
        assertEquals(Duration.ofSeconds(3), load().stopTimeout());
    }

    @Test
    void environmentBeatsFile() throws Exception {
        stopTimeoutEverywhere();
        agentArgs = null;
        sysprops.clear();
        assertEquals(Duration.ofSeconds(2), load().stopTimeout());
    }

    @Test
    void fileBeatsDefault() throws Exception {
        stopTimeoutEverywhere();
        agentArgs = null;
        sysprops.clear();
        env.clear();
        assertEquals(Duration.ofSeconds(1), load().stopTimeout());
    }

    @Test
    void defaultsWhenNothingIsSet() throws Exception {
        AgentConfig config = load();
        assertTrue(config.enabled());
        assertFalse(config.required());
        assertFalse(config.restoreOnStart());
        assertEquals(Duration.ofSeconds(20), config.stopTimeout());
        assertEquals(Duration.ofSeconds(60), config.restoreTimeout());
        assertEquals(Duration.ofSeconds(10), config.verifyTimeout());
        RestartPolicy restart = config.restart();
        assertEquals(Duration.ofSeconds(1), restart.initialDelay());
        assertEquals(2.0, restart.multiplier());
        assertEquals(Duration.ofSeconds(60), restart.maxDelay());
        assertEquals(0.2, restart.jitter());
        assertEquals(Duration.ofSeconds(10), restart.minUptime());
        assertEquals(5, restart.crashLoopCount());
        assertEquals(Duration.ofSeconds(60), restart.crashLoopWindow());
        assertFalse(restart.giveUpOnCrashLoop());
        assertEquals(Duration.ofSeconds(3), config.resync().quietPeriod());
        assertEquals(Duration.ofSeconds(5), config.resync().maxWait());
        assertEquals(Duration.ofSeconds(60), config.resync().stallTimeout());
        assertTrue(config.resync().enabled());
        assertTrue(config.databases().isEmpty());
        assertTrue(config.warnings().get(0).contains("no database configured"), config.warnings().toString());
        assertEquals("20s", config.settings().get("litestream.stop-timeout"));
        assertEquals("retry", config.settings().get("litestream.restart.crash-loop-action"));
    }

    @Test
    void resyncSettingsReachTheSupervisorPolicyAndCanTurnItOff() throws Exception {
        file("litestream.properties", "litestream.resync.quiet-period=2s", "litestream.resync.max-wait=20s",
                "litestream.resync.stall-timeout=5m");
        AgentConfig config = load();
        assertEquals(Duration.ofSeconds(2), config.resync().quietPeriod());
        assertEquals(Duration.ofSeconds(20), config.resync().maxWait());
        assertEquals(Duration.ofMinutes(5), config.resync().stallTimeout());
        env.put("LITESTREAM_AGENT_RESYNC_ENABLED", "false");
        assertFalse(load().resync().enabled());
    }

    @Test
    void eachKeyIsTakenFromItsHighestSource() throws Exception {
        file("litestream.properties", "litestream.restart.jitter=0.5", "litestream.dbs.main.url=jdbc:sqlite:main.db",
                "litestream.dbs.main.replica.type=file", "litestream.dbs.main.replica.path=/backups/file");
        env.put("LITESTREAM_AGENT_DBS_MAIN_REPLICA_PATH", "/backups/env");
        sysprops.put("litestream.required", "true");
        AgentConfig config = load();
        assertEquals(0.5, config.restart().jitter());
        assertTrue(config.required());
        assertEquals(Map.of("type", "file", "path", "/backups/env"), config.databases().get(0).replica());
    }

    @Test
    void aUrlFromAHigherSourceReplacesAPathFromALowerOne() throws Exception {
        file("litestream.properties", "litestream.dbs.main.path=from-file.db", "litestream.dbs.main.replica.type=file",
                "litestream.dbs.main.replica.path=/b");
        agentArgs = "dbs.main.url=jdbc:sqlite:from-agent.db";
        DatabaseConfig db = load().databases().get(0);
        assertEquals(dir.resolve("from-agent.db"), db.path());
        assertEquals("jdbc:sqlite:from-agent.db", db.jdbcUrl().orElseThrow());
    }

    // ---- where the properties file comes from

    @Test
    void agentArgumentNamesTheFileAndSeparatorsMayBeCommasOrSemicolons() throws Exception {
        Path file = file("conf/app.properties", "litestream.addr=127.0.0.1:9090");
        file("litestream.properties", "litestream.addr=127.0.0.1:1");
        agentArgs = "config=" + file + ";enabled=false,litestream.stop-timeout=500ms";
        AgentConfig config = load();
        assertEquals("127.0.0.1:9090", config.addr().orElseThrow());
        assertFalse(config.enabled());
        assertEquals(Duration.ofMillis(500), config.stopTimeout());
        assertTrue(config.sources().contains("properties file: " + file), config.sources());
    }

    @Test
    void systemPropertyNamesTheFileRelativeToTheWorkingDirectory() throws Exception {
        file("conf/app.properties", "litestream.addr=:9091");
        sysprops.put("litestream.config-file", "conf/app.properties");
        assertEquals(":9091", load().addr().orElseThrow());
    }

    @Test
    void theClassPathIsTheLastPlaceLookedAt() throws Exception {
        Path resources = Files.createDirectories(dir.resolve("classes"));
        Files.write(resources.resolve("litestream.properties"), List.of("litestream.addr=:7000"));
        classLoader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null);
        assertEquals(":7000", load().addr().orElseThrow());
        assertTrue(load().sources().startsWith("class path: "), load().sources());
        file("litestream.properties", "litestream.addr=:7001");
        assertEquals(":7001", load().addr().orElseThrow());
    }

    @Test
    void aNamedFileThatIsMissingIsAnError() {
        agentArgs = "config=nowhere.properties";
        ConfigProblem problem = failure().problems().get(0);
        assertEquals("litestream.config-file", problem.key());
        assertEquals("nowhere.properties", problem.seen());
        assertTrue(problem.expected().contains("does not exist"), problem.expected());
    }

    // ---- environment variables

    @Test
    void environmentVariablesMapToKeysAndAliasesAreLowerCased() throws Exception {
        env.put("LITESTREAM_AGENT_DBS_MAIN_URL", "jdbc:sqlite:main.db");
        env.put("LITESTREAM_AGENT_DBS_MAIN_RESTORE_ON_START", "true");
        env.put("LITESTREAM_AGENT_DBS_MAIN_REPLICA_TYPE", "s3");
        env.put("LITESTREAM_AGENT_DBS_MAIN_REPLICA_BUCKET", "b");
        env.put("LITESTREAM_AGENT_DBS_MAIN_REPLICA_FORCE_PATH_STYLE", "true");
        env.put("LITESTREAM_AGENT_RESTART_CRASH_LOOP_ACTION", "give-up");
        env.put("LITESTREAM_AGENT_LOGGING_LEVEL", "warn");
        // Litestream's own variables are not agent settings and are left alone.
        env.put("LITESTREAM_ACCESS_KEY_ID", "x");
        env.put("LITESTREAM_CONFIG", "/etc/litestream.yml");
        AgentConfig config = load();
        DatabaseConfig db = config.findDatabase("main").orElseThrow();
        assertTrue(db.restoreOnStart());
        assertEquals(Map.of("type", "s3", "bucket", "b", "force-path-style", "true"), db.replica());
        assertTrue(config.restart().giveUpOnCrashLoop());
        assertEquals("warn", config.loggingLevel().orElseThrow());
    }

    @Test
    void anAgentVariableThatNamesNoKeyIsAnError() {
        env.put("LITESTREAM_AGENT_STOP_TIMOUT", "5s");
        ConfigProblem problem = failure().problems().get(0);
        assertEquals("LITESTREAM_AGENT_STOP_TIMOUT", problem.key());
        assertEquals("5s", problem.seen());
    }

    @Test
    void testSuiteSystemPropertiesAreNotSettings() throws Exception {
        sysprops.put("litestream.test.bin", "/x/litestream");
        sysprops.put("java.version", "17");
        load();
    }

    // ---- validation

    /** Issue 17 (15): a UTF-8 byte order mark (Windows editors) made the first key "unknown". */
    @Test
    void aByteOrderMarkBeforeTheFirstKeyIsIgnored() throws Exception {
        Files.write(dir.resolve("litestream.properties"), ("\uFEFFlitestream.dbs.main.path=main.db\n"
                + "litestream.dbs.main.replica.type=file\nlitestream.dbs.main.replica.path=/b\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(dir.resolve("main.db"), load().databases().get(0).path());
    }

    /** Issue 17 (15): a value echoed in an error must not drive the terminal it is printed on. */
    @Test
    void escapeSequencesInValuesAreDisarmedInMessages() throws Exception {
        sysprops.put("litestream.enabled", "y\u001b]0;pwned\u0007es");
        sysprops.put("litestream.bogus", "x\u009b31m");
        String message = failure().getMessage();
        assertTrue(message.contains("litestream.enabled: was \"y?]0;pwned?es\""), message);
        assertTrue(message.contains("litestream.bogus: was \"x?31m\""), message);
        assertTrue(message.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), message);
    }

    @Test
    void allMistakesInAFileAreReportedTogether() throws Exception {
        Files.createDirectories(dir.resolve("data/a-directory.db"));
        file("litestream.properties",
                "litestream.stop-timout=10s",
                "litestream.enabled=yes",
                "litestream.restore-timeout=10 seconds",
                "litestream.dbs.main.path=data/a-directory.db");
        ConfigException e = failure();
        List<ConfigProblem> problems = e.problems();
        assertEquals(4, problems.size(), e.getMessage());
        assertTrue(problems.contains(new ConfigProblem("litestream.enabled", "yes", "true or false")), e.getMessage());
        assertTrue(problems.contains(new ConfigProblem("litestream.restore-timeout", "10 seconds",
                "a positive duration such as 500ms, 10s, 5m or 1h (a whole number ending with one of [ms, s, m, h, d]), "
                        + "at most 106751d (292 years)")),
                e.getMessage());
        assertTrue(e.getMessage().contains("litestream.stop-timout: was \"10s\", expected a known key"), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.dbs.main.path: was \"" + dir.resolve("data/a-directory.db")
                + "\", expected a database file, not a directory"), e.getMessage());
        assertEquals(5, e.getMessage().split("\n").length, "a header and one line per problem:\n" + e.getMessage());
    }

    @Test
    void twoAliasesNamingOneFileAreAnError() {
        agentArgs = "dbs.a.url=jdbc:sqlite:app.db;dbs.b.path=./sub/../app.db;dbs.a.replica.type=file;"
                + "dbs.a.replica.path=/r1;dbs.b.replica.type=file;dbs.b.replica.path=/r2";
        ConfigException e = failure();
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("\"a\" names it already"), e.getMessage());
    }

    @Test
    void aliasesThatDifferOnlyInCaseOrDashAreDuplicates() {
        agentArgs = "default-replica.bucket=b;dbs.my-db.path=a.db;dbs.MY_DB.path=b.db;dbs.my-db.replica.type=file";
        ConfigException e = failure();
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("litestream.dbs.my-db.*", e.problems().get(0).key());
        assertTrue(e.getMessage().contains("was \"my-db\", expected an alias different from \"MY_DB\""), e.getMessage());
    }

    @Test
    void urlAndPathFromOneSourceAreAnError() {
        agentArgs = "dbs.main.url=jdbc:sqlite:a.db;dbs.main.path=b.db;dbs.main.replica.type=file;dbs.main.replica.path=/r";
        assertTrue(failure().getMessage().contains("either litestream.dbs.main.url or litestream.dbs.main.path"));
    }

    @Test
    void badUrlsAndReplicaOptionsNameTheKey() {
        agentArgs = "dbs.mem.url=jdbc:sqlite::memory:;dbs.mem.replica.type=file;dbs.mem.replica.path=/r;"
                + "dbs.pg.url=jdbc:postgresql://h/db;dbs.pg.replica.type=s3;dbs.pg.replica.bucket=b;"
                + "dbs.x.path=x.db;dbs.x.replica.type=s4;dbs.x.replica.sync-interval=1 second;"
                + "dbs.y.path=y.db;dbs.y.replica.type=s3;dbs.y.replica.force-path-style=yes";
        ConfigException e = failure();
        String m = e.getMessage();
        assertTrue(m.contains("litestream.dbs.mem.url: was \"jdbc:sqlite::memory:\""), m);
        assertTrue(m.contains("litestream.dbs.pg.url: was \"jdbc:postgresql://h/db\""), m);
        assertTrue(m.contains("litestream.dbs.x.replica.type: was \"s4\""), m);
        assertTrue(m.contains("litestream.dbs.x.replica.sync-interval: was \"1 second\", expected a Go duration"), m);
        assertTrue(m.contains("litestream.dbs.y.replica.force-path-style: was \"yes\""), m);
        assertTrue(m.contains("litestream.dbs.y.replica.bucket: not set, expected a value: a s3 replica needs bucket"), m);
        assertEquals(6, e.problems().size(), m);
    }

    @Test
    void restartSettingsAreCheckedForRange() {
        agentArgs = "restart.jitter=1.5;restart.multiplier=0.5;restart.crash-loop-count=0;restart.crash-loop-action=panic;"
                + "restart.initial-delay=2m;restart.max-delay=1m";
        ConfigException e = failure();
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.restart.max-delay: was \"1m\", expected at least "
                + "litestream.restart.initial-delay (2m)"), e.getMessage());
    }

    @Test
    void aMissingDatabaseFileOrDirectoryIsNoProblemAndNoWarning() throws Exception {
        // the application creates it; replication says once which databases wait for their schema
        file("litestream.properties", "litestream.dbs.a.path=a.db", "litestream.dbs.b.path=new-dir/b.db",
                "litestream.default-replica.bucket=bkt");
        AgentConfig config = load();
        assertEquals(List.of(), config.warnings());
        assertEquals(2, config.databases().size());
    }

    // ---- the model

    @Test
    void defaultReplicaFollowsDjangoLitestream() throws Exception {
        env.put("AWS_BUCKET", "aws-bucket");
        env.put("LITESTREAM_SECRET_ACCESS_KEY", "s");
        agentArgs = "path-prefix=/proj/;dbs.main.url=jdbc:sqlite:file:data/app.db?mode=rwc";
        DatabaseConfig db = load().databases().get(0);
        assertTrue(db.defaultReplica());
        assertEquals(List.of("type", "bucket", "path", "secret-access-key"), List.copyOf(db.replica().keySet()));
        assertEquals("$AWS_BUCKET", db.replica().get("bucket"));
        assertEquals("proj/app.db", db.replica().get("path"));
        assertEquals("$LITESTREAM_SECRET_ACCESS_KEY", db.replica().get("secret-access-key"));
    }

    @Test
    void aDefaultReplicaWithoutABucketIsAnError() {
        agentArgs = "dbs.main.path=app.db";
        ConfigProblem problem = failure().problems().get(0);
        assertEquals("litestream.dbs.main.replica.*", problem.key());
        assertTrue(problem.expected().contains("LITESTREAM_REPLICA_BUCKET, AWS_BUCKET"), problem.expected());
    }

    @Test
    void findsADatabaseByAliasThenByPath() throws Exception {
        agentArgs = "dbs.main.url=jdbc:sqlite:data/app.db;default-replica.bucket=b;dbs.data/app.db.path=other.db";
        assertEquals(List.of(new ConfigProblem("litestream.dbs.data/app", "data/app",
                "an alias of letters, digits, '-' and '_', starting with a letter or digit")), failure().problems());
        agentArgs = "dbs.main.url=jdbc:sqlite:data/app.db;default-replica.bucket=b";
        AgentConfig config = load();
        assertEquals("main", config.findDatabase("main").orElseThrow().alias());
        assertEquals("main", config.findDatabase("data/app.db").orElseThrow().alias());
        assertEquals("main", config.findDatabase(dir.resolve("data/../data/app.db").toString()).orElseThrow().alias());
        assertTrue(config.findDatabase("other").isEmpty());
    }

    @Test
    void perDatabaseRestoreOnStartOverridesTheGlobalOne() throws Exception {
        agentArgs = "restore-on-start=true;default-replica.bucket=b;dbs.a.path=a.db;dbs.b.path=b.db;dbs.b.restore-on-start=false";
        AgentConfig config = load();
        assertTrue(config.findDatabase("a").orElseThrow().restoreOnStart());
        assertFalse(config.findDatabase("b").orElseThrow().restoreOnStart());
    }

    @Test
    void statedVersionAndBinPathAreRead() throws Exception {
        file("bin/litestream", "#!/bin/sh");
        agentArgs = "version=v0.5.2;bin-path=bin/litestream";
        AgentConfig config = load();
        assertEquals(new LitestreamVersion(0, 5, 2), config.statedVersion().orElseThrow());
        assertEquals(dir.resolve("bin/litestream"), config.binPath().orElseThrow());
        agentArgs = "bin-path=bin";
        assertEquals("litestream.bin-path", failure().problems().get(0).key());
    }
}
