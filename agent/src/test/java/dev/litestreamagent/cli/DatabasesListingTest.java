package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.testing.TestBinary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing {@code databases} prints without Litestream is, byte for byte, what the real v0.3.13 prints
 * for the same rendered config; configs only Litestream can list give none, so that it is run.
 */
class DatabasesListingTest {
    /** The variables the configs name are set, as the agent requires. */
    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_ACCESS_KEY_ID", "id", "BUCKET", "b", "NAME", "n");

    @TempDir
    Path dir;

    @Test
    void oneDatabaseOnAFileReplica() throws Exception {
        assertSameAsLitestream(props("litestream.dbs.app.path", "app.db",
                "litestream.dbs.app.replica.type", "file", "litestream.dbs.app.replica.path", "replica"));
    }

    @Test
    void severalDatabasesOnFileAndS3ReplicasWithPathsOfDifferentLengths() throws Exception {
        assertSameAsLitestream(props("litestream.dbs.app.path", "data/a-rather-long-database-name.db",
                "litestream.dbs.app.replica.type", "file", "litestream.dbs.app.replica.path", "replica/app",
                "litestream.dbs.q.path", "q.db",
                "litestream.dbs.q.replica.type", "s3", "litestream.dbs.q.replica.bucket", "backups",
                "litestream.dbs.q.replica.path", "q", "litestream.dbs.q.replica.endpoint", "http://127.0.0.1:9",
                "litestream.dbs.q.replica.region", "us-east-1", "litestream.dbs.q.replica.force-path-style", "true",
                "litestream.dbs.q.replica.access-key-id", "$AWS_ACCESS_KEY_ID",
                "litestream.dbs.q.replica.secret-access-key", "a literal s3cr3t",
                "litestream.dbs.cache.path", "cache.db", "litestream.dbs.cache.replica.type", "file",
                "litestream.dbs.cache.replica.path", "replica/cache", "litestream.dbs.cache.monitor-interval", "2s"));
    }

    @Test
    void severalNamedReplicasOfOneDatabase() throws Exception {
        assertSameAsLitestream(props("litestream.dbs.app.path", "app.db",
                "litestream.dbs.app.replicas.offsite.type", "s3", "litestream.dbs.app.replicas.offsite.bucket", "b",
                "litestream.dbs.app.replicas.local.type", "file", "litestream.dbs.app.replicas.local.path", "replica",
                "litestream.dbs.logs.path", "logs.db", "litestream.dbs.logs.replica.type", "s3",
                "litestream.dbs.logs.replica.bucket", "b", "litestream.dbs.logs.replica.name", "primary"));
    }

    @Test
    void configsWhoseListingOnlyLitestreamKnowsRunIt() throws Exception {
        List<Map<String, String>> configs = List.of(
                props("litestream.dbs.app.path", "app.db", "litestream.dbs.app.replica.url", "s3://bucket/app"),
                props("litestream.dbs.app.path", "app.db", "litestream.dbs.app.replica.type", "s3",
                        "litestream.dbs.app.replica.bucket", "$BUCKET"),
                props("litestream.dbs.app.path", "app.db", "litestream.dbs.app.replica.type", "file",
                        "litestream.dbs.app.replica.path", "replica", "litestream.dbs.app.replica.name", "${NAME}"),
                props("litestream.dbs.app.path", "app.db", "litestream.dbs.app.replica.type", "gcs",
                        "litestream.dbs.app.replica.bucket", "b"));
        for (Map<String, String> config : configs) {
            assertEquals(Optional.empty(), context(config).databasesListing(), config.toString());
        }
        Map<String, String> other = props("litestream.dbs.app.path", "app.db", "litestream.dbs.app.replica.type", "file",
                "litestream.dbs.app.replica.path", "replica");
        other.put("litestream.version", "0.5.2");
        assertEquals(Optional.empty(), DatabasesListing.of(ConfigLoader.load(ConfigInput.of(null, other, ENVIRONMENT, dir, null)),
                LitestreamVersion.parse("0.5.2")), "only the listing of v0.3.13 is proven");
    }

    private void assertSameAsLitestream(Map<String, String> config) throws Exception {
        CliContext context = context(config);
        Optional<String> listing = context.databasesListing();
        assertTrue(listing.isPresent(), "listed without Litestream: " + config);
        assertEquals(litestreamDatabases(context), listing.get());
    }

    private CliContext context(Map<String, String> config) {
        return ConfigCliContext.load(ConfigInput.of(null, config, ENVIRONMENT, dir, null));
    }

    /** {@code litestream databases -config <the rendered YAML>}'s stdout, as the CLI ran it before. */
    private String litestreamDatabases(CliContext context) throws Exception {
        Path yaml = dir.resolve("litestream.yml");
        Files.writeString(yaml, context.renderedYaml());
        ProcessBuilder builder = new ProcessBuilder(TestBinary.litestream().toString(), "databases", "-config",
                yaml.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(context.childEnvironment());
        Process process = builder.start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        process.getInputStream().transferTo(stdout);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), stdout.toString(StandardCharsets.UTF_8));
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private Map<String, String> props(String... pairs) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("litestream.bin-path", TestBinary.litestream().toString());
        props.put("litestream.cache-dir", dir.resolve("cache").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            props.put(pairs[i], pairs[i + 1]);
        }
        return props;
    }
}
