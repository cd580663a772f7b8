package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets written in the environment or the properties file appear in no printable output. */
class SecretsInOutputTest {
    static final List<String> SECRETS = List.of("ENV-SECRET-KEY-1", "FILE-PASSWORD-2", "ACCESS-ID-3",
            "TYPO-SECRET-4", "LITESTREAM-OWN-5", "ACCOUNT-KEY-6");

    @TempDir
    Path dir;

    private ConfigInput input(String extraLine) throws Exception {
        Files.write(dir.resolve("litestream.properties"), List.of(
                "litestream.dbs.main.path=main.db",
                "litestream.dbs.main.replica.type=s3",
                "litestream.dbs.main.replica.bucket=b",
                "litestream.dbs.main.replica.access-key-id=ACCESS-ID-3",
                "litestream.dbs.remote.path=remote.db",
                "litestream.dbs.remote.replica.type=sftp",
                "litestream.dbs.remote.replica.host=backup:22",
                "litestream.dbs.remote.replica.user=backup",
                "litestream.dbs.remote.replica.password=FILE-PASSWORD-2",
                "litestream.dbs.blob.path=blob.db",
                "litestream.dbs.blob.replica.type=abs",
                "litestream.dbs.blob.replica.bucket=c",
                "litestream.dbs.blob.replica.account-key=ACCOUNT-KEY-6",
                "litestream.dbs.plain.path=plain.db",
                extraLine));
        return ConfigInput.of(null, Map.of(), Map.of(
                "LITESTREAM_AGENT_DBS_MAIN_REPLICA_SECRET_ACCESS_KEY", "ENV-SECRET-KEY-1",
                "LITESTREAM_REPLICA_BUCKET", "bkt",
                "LITESTREAM_SECRET_ACCESS_KEY", "LITESTREAM-OWN-5"), dir, null);
    }

    private static void assertNoSecret(String what, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), what + " shows " + secret + ":\n" + text);
        }
    }

    @Test
    void renderedYamlSettingsAndDescriptionsHoldNoSecretValue() throws Exception {
        AgentConfig config = ConfigLoader.load(input(""));
        for (LitestreamVersion version : List.of(LitestreamVersion.V0_3_13, LitestreamVersion.parse("0.5.2"))) {
            RenderedConfig rendered = LitestreamYaml.render(config, version);
            assertNoSecret("yaml", rendered.yaml());
            assertNoSecret("RenderedConfig.toString", rendered.toString());
            assertTrue(rendered.yaml().contains("secret-access-key: \"${LSA_SECRET_MAIN_SECRET_ACCESS_KEY}\""),
                    rendered.yaml());
            assertTrue(rendered.yaml().contains("secret-access-key: $LITESTREAM_SECRET_ACCESS_KEY"), rendered.yaml());
            assertEquals("ENV-SECRET-KEY-1", rendered.environment().get("LSA_SECRET_MAIN_SECRET_ACCESS_KEY"));
            assertEquals("FILE-PASSWORD-2", rendered.environment().get("LSA_SECRET_REMOTE_PASSWORD"));
            assertEquals("ACCOUNT-KEY-6", rendered.environment().get("LSA_SECRET_BLOB_ACCOUNT_KEY"));
        }
        assertNoSecret("settings()", config.settings().toString());
        assertEquals("****", config.settings().get("litestream.dbs.main.replica.secret-access-key"));
        assertEquals("$LITESTREAM_SECRET_ACCESS_KEY", config.settings().get("litestream.dbs.plain.replica.secret-access-key"));
        assertNoSecret("sources()", config.sources());
        assertNoSecret("toString()", config.toString() + config.databases());
        assertNoSecret("warnings()", config.warnings().toString());
    }

    @Test
    void problemMessagesMaskSecrets() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(input("litestream.dbs.main.replica.token=")));
        assertTrue(e.getMessage().contains("litestream.dbs.main.replica.token: was \"****\""), e.getMessage());
        // a misspelt credential is refused now (Litestream would ignore it), and its value is still never shown
        e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(input("litestream.dbs.main.replica.secret-acess-key=TYPO-SECRET-4")));
        assertNoSecret("exception", e.getMessage());
        assertTrue(e.getMessage().contains("litestream.dbs.main.replica.secret-acess-key: was \"****\", expected an "
                + "option of a replica of type s3 (see docs/configuration.md); unknown option replica.secret-acess-key, "
                + "did you mean replica.secret-access-key?"), e.getMessage());
        Files.write(dir.resolve("litestream.properties"), List.of("litestream.unknown-secret=ENV-SECRET-KEY-1"));
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfigInput.of(
                "dbs.a.replica.password=FILE-PASSWORD-2,ACCESS-ID-3", Map.of(),
                Map.of("LITESTREAM_AGENT_SECRET_ACCESS_KEY", "ACCOUNT-KEY-6"), dir, null)));
        assertNoSecret("exception", e.getMessage());
        assertEquals(5, e.problems().size(), e.getMessage());
    }

    /** Issue 17 (7): a password by position (URL user info, an endpoint's user:password) or under a misspelt name. */
    @Test
    void secretsByPositionMoveOutOfTheYamlAndAreMaskedInSettingsAndMessages() throws Exception {
        List<String> secrets = List.of("URL-PASS-7", "ENDPOINT-PASS-8", "TYPO-PASSWD-9");
        Files.write(dir.resolve("litestream.properties"), List.of(
                "litestream.dbs.remote.path=remote.db",
                "litestream.dbs.remote.replica.url=sftp://bob:URL-PASS-7@backup.example/backups",
                "litestream.dbs.minio.path=minio.db",
                "litestream.dbs.minio.replica.type=s3",
                "litestream.dbs.minio.replica.bucket=b",
                "litestream.dbs.minio.replica.endpoint=http://admin:ENDPOINT-PASS-8@minio:9000",
                "litestream.dbs.ref.path=ref.db",
                "litestream.dbs.ref.replica.url=sftp://bob:$SFTP_PASSWORD@backup.example/ref"));
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of(), Map.of("SFTP_PASSWORD", "x"), dir, null));
        RenderedConfig rendered = LitestreamYaml.render(config, LitestreamVersion.V0_3_13);
        String printable = rendered.yaml() + rendered + config.settings() + config;
        for (String secret : secrets) {
            assertFalse(printable.contains(secret), secret + " is shown:\n" + printable);
        }
        assertTrue(rendered.yaml().contains("url: \"${LSA_SECRET_REMOTE_URL}\""), rendered.yaml());
        assertEquals("sftp://bob:URL-PASS-7@backup.example/backups", rendered.environment().get("LSA_SECRET_REMOTE_URL"));
        assertEquals("http://admin:ENDPOINT-PASS-8@minio:9000", rendered.environment().get("LSA_SECRET_MINIO_ENDPOINT"));
        assertTrue(rendered.yaml().contains("url: sftp://bob:$SFTP_PASSWORD@backup.example/ref"), "a reference stays:\n"
                + rendered.yaml());
        assertEquals("sftp://bob:****@backup.example/backups", config.settings().get("litestream.dbs.remote.replica.url"));
        assertEquals("http://admin:****@minio:9000", config.settings().get("litestream.dbs.minio.replica.endpoint"));

        String relayed = rendered.outputMask().apply("level=INFO msg=\"replicating\" endpoint=http://admin:ENDPOINT-PASS-8@minio:9000"
                + " url=sftp://bob:URL-PASS-7@backup.example");
        for (String secret : secrets) {
            assertFalse(relayed.contains(secret), secret + " is relayed: " + relayed);
        }
        assertTrue(relayed.contains("endpoint=http://admin:****@minio:9000"), relayed);

        // A misspelt 'passwd' is refused as an unknown option, its value masked.
        Files.write(dir.resolve("litestream.properties"), List.of("litestream.dbs.minio.path=minio.db",
                "litestream.dbs.minio.replica.type=s3", "litestream.dbs.minio.replica.bucket=b",
                "litestream.dbs.minio.replica.passwd=TYPO-PASSWD-9"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(ConfigInput.of(null, Map.of(), Map.of(), dir, null)));
        assertFalse(e.getMessage().contains("TYPO-PASSWD-9"), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.dbs.minio.replica.passwd: was \"****\""), e.getMessage());
    }

    @Test
    void aJdbcUrlKeyIsMaskedInConfigErrors() throws Exception {
        Files.write(dir.resolve("litestream.properties"), List.of(
                "litestream.dbs.enc.url=jdbc:sqlite:file:enc.db?mode=memory&key=JDBC-KEY-10"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(ConfigInput.of(null, Map.of(), Map.of(), dir, null)));
        assertFalse(e.getMessage().contains("JDBC-KEY-10"), e.getMessage());
        assertTrue(e.getMessage().contains("key=****"), e.getMessage());
    }

    /**
     * Issue 17 (10): a password with spaces around it, C1 controls (U+0085 became a space at S3) or line
     * separators reaches Litestream exactly as written: expanded the way Litestream does (the variable's
     * text pasted between the quotes), the YAML reads back the very same string.
     */
    @Test
    void secretValuesReachLitestreamExactlyAsWritten() throws Exception {
        String password = "  pa\u0085ss\u009f\u2028word\u00e9\"\\\t ";
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of(
                "litestream.dbs.remote.path", "remote.db",
                "litestream.dbs.remote.replica.type", "sftp",
                "litestream.dbs.remote.replica.host", "backup:22",
                "litestream.dbs.remote.replica.user", "backup",
                "litestream.dbs.remote.replica.password", password,
                "litestream.dbs.remote.replica.key-path", "  $KEY_PATH  "), Map.of("KEY_PATH", "/k"), dir, null));
        RenderedConfig rendered = LitestreamYaml.render(config, LitestreamVersion.V0_3_13);
        String expanded = rendered.yaml().replace("${LSA_SECRET_REMOTE_PASSWORD}",
                rendered.environment().get("LSA_SECRET_REMOTE_PASSWORD"));
        Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(expanded);
        Map<?, ?> db = (Map<?, ?>) ((List<?>) yaml.get("dbs")).get(0);
        Map<?, ?> replica = (Map<?, ?>) ((List<?>) db.get("replicas")).get(0);
        assertEquals(password, replica.get("password"));
        assertEquals("$KEY_PATH", replica.get("key-path"), "a reference is a name: trimmed");
    }
}
