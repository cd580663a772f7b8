package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Golden files: {@code golden/<case>.properties} in, {@code golden/<case>.v0.3.yml} and {@code .v0.5.yml} out.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change, then review the diff.
 */
class GoldenYamlTest {
    static final Path APP_DIR = Path.of("/srv/app");
    static final Map<String, String> ENV = Map.of(
            "LITESTREAM_REPLICA_BUCKET", "env-bucket",
            "LITESTREAM_ACCESS_KEY_ID", "AKIA-FROM-ENV",
            "LITESTREAM_SECRET_ACCESS_KEY", "secret-from-env");

    @ParameterizedTest(name = "{0} for Litestream {1}")
    @CsvSource({
            "django-simple, 0.3.13", "django-simple, 0.5.2",
            "django-manual-replica, 0.3.13", "django-manual-replica, 0.5.2",
            "django-multiple-path-prefix, 0.3.13", "django-multiple-path-prefix, 0.5.2",
            "everything, 0.3.13", "everything, 0.5.2",
            "v05-only, 0.5.2",
            "replica-types-v03, 0.3.13", "replica-types-v05, 0.5.16", "v05-global, 0.5.16",
            "several-replicas, 0.3.13", "v05-directory, 0.5.16", "exec, 0.3.13", "exec, 0.5.16"})
    void rendersTheExpectedYaml(String name, String version) throws Exception {
        // Relative paths in a properties file follow the file: here as if it lived in APP_DIR.
        String yaml = render(name, version).yaml().replace(goldenDirectory(), APP_DIR.toString());
        Path expected = golden(name + ".v" + version.substring(0, 3) + ".yml");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(sourceTree(expected), yaml);
        }
        assertEquals(Files.readString(expected), yaml);
    }

    @Test
    void literalSecretsAndDollarsTravelInTheEnvironmentEscapedForTheirPlace() throws Exception {
        RenderedConfig rendered = render("everything", "0.3.13");
        assertEquals(Map.of(
                "LSA_DOLLAR", "$",
                "LSA_SECRET_AUDIT_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "LSA_SECRET_AUDIT_SECRET_ACCESS_KEY", "s3cr\\\"et\\\\with$dollar"), rendered.environment());
    }

    @Test
    void aV03BinaryRefusesEveryV05OnlySetting() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> render("v05-only", "0.3.13"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.mcp-addr: was \"127.0.0.1:3001\", expected Litestream 0.5 or later"),
                e.getMessage());
        assertTrue(e.getMessage().contains("litestream.logging.level: was \"trace\""), e.getMessage());
    }

    @Test
    void aV03BinaryRefusesEvery05GlobalSettingNamingTheVersion() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> render("v05-global", "0.3.13"));
        assertEquals(6, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.snapshot.interval: was \"1h\", expected Litestream 0.5 or later "
                + "for this setting (the binary is v0.3.13)"), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.levels: was \"30s,5m,1h\""), e.getMessage());
    }

    @Test
    void severalReplicasAreAnErrorOn05NamingThem() {
        ConfigException e = assertThrows(ConfigException.class, () -> render("several-replicas", "0.5.2"));
        assertEquals(List.of("litestream.dbs.app.replicas.*: was \"local, offsite, s3\", expected one replica per "
                + "database with Litestream v0.5.2 (Litestream 0.3 only replicates a database to several): keep one of "
                + "them, or install Litestream 0.3"), e.problems().stream().map(ConfigProblem::toString)
                .collect(Collectors.toList()));
    }

    @Test
    void eachOfSeveralReplicasGetsItsOwnSecretVariables() throws Exception {
        assertEquals(Map.of(
                "LSA_SECRET_APP__OFFSITE_PASSWORD", "offsite-pass",
                "LSA_SECRET_APP__S3_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "LSA_SECRET_APP__S3_SECRET_ACCESS_KEY", "s3cret"), render("several-replicas", "0.3.13").environment());
    }

    @Test
    void aV03BinaryRefusesDirectoryEntriesNamingTheirKeyAndTheVersion() throws Exception {
        String goldenDirectory = goldenDirectory();
        ConfigException e = assertThrows(ConfigException.class, () -> render("v05-directory", "0.3.13"));
        assertEquals(List.of("litestream.dbs.archive.dir: was \"/srv/app/archive\", expected Litestream 0.5 or later "
                + "for this setting (the binary is v0.3.13): remove it or install a newer Litestream",
                "litestream.dbs.tenants.dir: was \"/var/lib/app/tenants\", expected Litestream 0.5 or later for this "
                + "setting (the binary is v0.3.13): remove it or install a newer Litestream"),
                e.problems().stream().map(p -> p.toString().replace(goldenDirectory, APP_DIR.toString()))
                        .collect(Collectors.toList()));
    }

    @Test
    void a05ReleaseBeforeDirectoryReplicationRefusesItAndOneBeforeWatchRefusesWatch() throws Exception {
        ConfigException before = assertThrows(ConfigException.class, () -> render("v05-directory", "0.5.2"));
        assertEquals(List.of("litestream.dbs.archive.dir", "litestream.dbs.tenants.dir", "litestream.dbs.tenants.watch"),
                before.problems().stream().map(ConfigProblem::key).collect(Collectors.toList()));
        ConfigException watch = assertThrows(ConfigException.class, () -> render("v05-directory", "0.5.3"));
        assertEquals(List.of("litestream.dbs.tenants.watch: was \"true\", expected Litestream v0.5.4 or later for this "
                + "setting (the binary is v0.5.3, which would ignore it): remove it or install a newer Litestream"),
                watch.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList()));
    }

    @Test
    void theExecCommandTravelsInTheEnvironmentAndStartsWithoutAnySecretVariable() throws Exception {
        RenderedConfig rendered = render("exec", "0.3.13");
        assertEquals(Map.of(
                "LSA_SECRET_APP_PASSWORD", "sftp-pass",
                "LSA_SECRET_EXEC", "env -u LSA_SECRET_APP_PASSWORD -u LSA_SECRET_EXEC java -Dapp.password=s3cret -jar "
                        + "app.jar"), rendered.environment());
        assertEquals("the command ****", rendered.outputMask().apply("the command java -Dapp.password=s3cret -jar app.jar"));
    }

    static RenderedConfig render(String name, String version) throws Exception {
        ConfigInput input = ConfigInput.of("config=" + golden(name + ".properties"), Map.of(), ENV, APP_DIR, null);
        return LitestreamYaml.render(ConfigLoader.load(input), LitestreamVersion.parse(version));
    }

    /** Where the properties files are: relative paths in them follow, which the tests show as {@link #APP_DIR}. */
    private static String goldenDirectory() throws URISyntaxException {
        return golden("v05-directory.properties").getParent().toString();
    }

    static Path golden(String file) throws URISyntaxException {
        var url = GoldenYamlTest.class.getResource("/golden/" + file);
        if (url == null) {
            return Path.of("target/test-classes/golden").resolve(file).toAbsolutePath();
        }
        return Path.of(url.toURI());
    }

    private static Path sourceTree(Path testClasses) {
        return Path.of("src/test/resources/golden").resolve(testClasses.getFileName().toString());
    }
}
