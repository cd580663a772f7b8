package dev.litestreamagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.ResyncPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each Litestream version speaks the dialect of the newest dialect it has reached, with its own version. */
class DialectTest {
    private static final Dialect V03 = Dialect.of(LitestreamVersion.V0_3_13);
    private static final Dialect V05 = Dialect.of(LitestreamVersion.parse("0.5.16"));

    @Test
    void aVersionSpeaksTheNewestDialectItHasReached() {
        assertEquals("0.3", Dialect.of(LitestreamVersion.parse("0.2.9")).name(), "older versions read 0.3's config");
        assertEquals("0.3", V03.name());
        assertEquals("0.5", Dialect.of(LitestreamVersion.parse("0.5.0")).name());
        assertEquals("0.5", Dialect.of(LitestreamVersion.parse("0.9.1")).name(), "until a newer dialect is added");
        assertEquals(LitestreamVersion.parse("0.5.16"), V05.version());
        assertTrue(V05.sameAs(Dialect.of(LitestreamVersion.parse("0.5.2"))));
        assertFalse(V05.sameAs(V03));
    }

    @Test
    void aDatabaseGetsAReplicasListOn03AndOneReplicaOn05() {
        Map<String, Object> replica = Map.of("type", "file", "path", "/r");
        Map<String, Object> on03 = new LinkedHashMap<>();
        V03.putReplicas(on03, List.of(replica));
        assertEquals(Map.of("replicas", List.of(replica)), on03);
        Map<String, Object> on05 = new LinkedHashMap<>();
        V05.putReplicas(on05, List.of(replica));
        assertEquals(Map.of("replica", replica), on05);
    }

    @Test
    void severalReplicasPerDatabaseOn03Only() {
        Map<String, Object> file = Map.of("name", "file", "type", "file", "path", "/r");
        Map<String, Object> s3 = Map.of("name", "s3", "type", "s3", "bucket", "b");
        Map<String, Object> on03 = new LinkedHashMap<>();
        V03.putReplicas(on03, List.of(file, s3));
        assertEquals(Map.of("replicas", List.of(file, s3)), on03);
        assertTrue(V03.severalReplicas());
        assertFalse(V05.severalReplicas());
        assertThrows(IllegalArgumentException.class, () -> V05.putReplicas(new LinkedHashMap<>(), List.of(file, s3)));
    }

    @Test
    void settingsOnlyOneVersionKnows() {
        assertFalse(V03.hasMcpServer());
        assertTrue(V05.hasMcpServer());
        assertFalse(V03.loggingLevels().contains("trace"));
        assertTrue(V05.loggingLevels().contains("trace"));
        assertFalse(V03.replicaTypes().contains("webdav"));
        assertTrue(V05.replicaTypes().containsAll(V03.replicaTypes()));
        assertTrue(V03.replicaOptions("s3").contains("retention"));
        assertEquals(Optional.empty(), V03.replacedReplicaOption("retention"));
        assertFalse(V05.replicaOptions("s3").contains("retention"));
        assertEquals(Optional.of("set litestream.snapshot.retention instead"), V05.replacedReplicaOption("retention"));
        assertTrue(V05.replicaOptions("s3").contains("sync-interval"));
        assertTrue(V03.replicaOptions("s3").contains("sync-interval"));
    }

    @Test
    void eachReplicaTypeHasItsOwnOptionsPerVersion() {
        assertTrue(V03.replicaOptions("s3").containsAll(List.of("type", "bucket", "force-path-style", "access-key-id")));
        assertFalse(V03.replicaOptions("file").contains("bucket"), "a file replica has no bucket");
        assertTrue(V03.replicaOptions("sftp").contains("key-path"));
        assertFalse(V03.replicaOptions("s3").contains("sign-payload"));
        assertTrue(V05.replicaOptions("s3").contains("sign-payload"));
        assertFalse(V03.replicaOptions("abs").contains("sas-token"));
        assertTrue(V05.replicaOptions("abs").contains("sas-token"));
        assertTrue(V05.replicaOptions("webdav").contains("webdav-url"));
        assertEquals(Set.of(), V03.replicaOptions("webdav"));
        for (Dialect dialect : Dialect.all()) {
            for (String type : dialect.replicaTypes()) {
                for (String option : dialect.replicaOptions(type)) {
                    assertEquals(option.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), option,
                            "Litestream spells its options in lower-case kebab-case: " + dialect + " " + type);
                }
            }
        }
    }

    @Test
    void globalKeysPerVersion() {
        assertFalse(V03.globalOptions().contains("snapshot"));
        assertTrue(V05.globalOptions().containsAll(List.of("snapshot", "levels", "heartbeat-url",
                "shutdown-sync-timeout", "mcp-addr")));
        assertTrue(V03.globalOptions().containsAll(List.of("addr", "logging")));
    }

    @Test
    void commandsPerVersionAndTheTextsThatSayWhere() {
        assertEquals(Optional.of("generations"), V03.subcommand("generations"));
        assertEquals(Optional.empty(), V05.subcommand("generations"));
        assertEquals(Optional.of("wal"), V03.subcommand("wal"));
        assertEquals(Optional.of("ltx"), V05.subcommand("wal"), "wal is a deprecated alias of ltx on 0.5");
        assertEquals("Litestream 0.3 only", Dialect.versionsWith(d -> d.subcommand("snapshots").isPresent()));
        assertEquals("Litestream 0.5 and later", Dialect.versionsWith(d -> d.subcommand("ltx").isPresent()));
        assertEquals("", Dialect.versionsWith(d -> d.subcommand("restore").isPresent()));
        assertEquals("0.5", Dialect.oldestWith(Dialect::hasMcpServer).map(Dialect::name).orElse(null));
    }

    @Test
    void everySubcommandTakesTheConfigFlagTheAgentRefusesFromOperators() {
        for (Dialect dialect : Dialect.all()) {
            for (String command : List.of("databases", "generations", "snapshots", "wal", "ltx", "restore",
                    "replicate", "version")) {
                dialect.subcommand(command).ifPresent(sub -> assertTrue(dialect.valueFlags(sub).contains("config"),
                        dialect + " " + sub));
            }
        }
        assertTrue(V03.valueFlags("restore").contains("generation"));
        assertFalse(V05.valueFlags("restore").contains("generation"));
        assertTrue(V05.valueFlags("restore").contains("txid"));
    }

    @Test
    void resyncRunsOnlyWhereItsLogMessagesWereMeasured() {
        ResyncPolicy configured = ResyncPolicy.defaults();
        assertEquals(configured, V03.resyncPolicy(configured));
        assertFalse(V05.resyncPolicy(configured).enabled());
    }

    @Test
    void lastUploadsAreKnownOnlyWhereTheUploadMessagesAreFollowed() {
        assertTrue(V03.logsUploads());
        assertFalse(V05.logsUploads(), "0.5 logs uploads in other words: the health check must not wait for them");
    }

    @Test
    void releaseArchivesAreNamedAsOnTheReleasePages() {
        assertEquals("litestream-v0.3.13-linux-arm64.tar.gz", V03.releaseArchive("linux", "arm64"));
        assertTrue(V03.releaseArchiveIsZip("darwin"));
        assertFalse(V03.releaseHasChecksumsFile());
        assertEquals("litestream-0.5.16-linux-x86_64.tar.gz", V05.releaseArchive("linux", "amd64"));
        assertFalse(V05.releaseArchiveIsZip("darwin"));
        assertTrue(V05.releaseHasChecksumsFile());
    }
}
