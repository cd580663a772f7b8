package dev.litestreamagent.dialect;

import dev.litestreamagent.supervisor.ResyncPolicy;
import dev.litestreamagent.supervisor.log.LogMarkers;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Litestream 0.3 (read in v0.3.13's source and measured with that binary): generations and WAL segments. */
final class Litestream03 extends Dialect {
    /** Messages of v0.3.13 that begin and complete an upload, and that report a database set up. */
    static final LogMarkers LOG_MARKERS = LogMarkers.of(list("write wal segment", "write snapshot"),
            list("wal segment written", "snapshot written"), list("initialized db"),
            list("init: cannot determine last wal position, clearing generation"));

    private static final Map<String, Set<String>> SUBCOMMANDS = new HashMap<>();
    /** v0.3.13's {@code ReplicaConfig} and the {@code new*ReplicaClientFromConfig} that read it. */
    private static final ReplicaOptionTable REPLICA_OPTIONS = ReplicaOptionTable.common("type", "name", "path", "url",
                    "retention", "retention-check-interval", "sync-interval", "snapshot-interval", "validation-interval")
            .type("s3", "bucket", "region", "endpoint", "force-path-style", "skip-verify", "access-key-id",
                    "secret-access-key")
            .type("file")
            .type("gcs", "bucket")
            .type("abs", "bucket", "account-name", "account-key", "endpoint")
            .type("sftp", "host", "user", "password", "key-path")
            .build();
    private static final Set<String> GLOBAL_OPTIONS = flags("addr", "logging");

    static {
        SUBCOMMANDS.put("databases", flags("config"));
        SUBCOMMANDS.put("generations", flags("config", "replica"));
        SUBCOMMANDS.put("replicate", flags("config", "exec"));
        SUBCOMMANDS.put("restore", flags("config", "o", "replica", "generation", "index", "timestamp", "parallelism"));
        SUBCOMMANDS.put("snapshots", flags("config", "replica"));
        SUBCOMMANDS.put("version", flags("config"));
        SUBCOMMANDS.put("wal", flags("config", "replica", "generation"));
    }

    Litestream03(LitestreamVersion version) {
        super(version, Collections.unmodifiableMap(SUBCOMMANDS));
    }

    @Override
    Dialect at(LitestreamVersion version) {
        return new Litestream03(version);
    }

    @Override
    public String name() {
        return "0.3";
    }

    @Override
    public Set<String> globalOptions() {
        return GLOBAL_OPTIONS;
    }

    @Override
    public List<String> loggingLevels() {
        return list("debug", "info", "warn", "error");
    }

    @Override
    ReplicaOptionTable replicaOptionTable() {
        return REPLICA_OPTIONS;
    }

    @Override
    public Optional<String> replacedReplicaOption(String option) {
        return Optional.empty();
    }

    @Override
    public Optional<LitestreamVersion> directoryOptionSince(String option) {
        return Optional.empty();
    }

    @Override
    public boolean severalReplicas() {
        return true;
    }

    /** Only a {@code replicas:} list: a {@code replica:} key is ignored without a word, and nothing is replicated. */
    @Override
    public void putReplicas(Map<String, Object> database, List<Map<String, Object>> replicas) {
        database.put("replicas", replicas);
    }

    @Override
    public LogMarkers logMarkers() {
        return LOG_MARKERS;
    }

    /** Resync and the stall watch were built on, and measured with, these messages. */
    @Override
    public ResyncPolicy resyncPolicy(ResyncPolicy configured) {
        return configured;
    }

    @Override
    public boolean logsUploads() {
        return true;
    }

    /** {@code litestream-v0.3.13-linux-amd64.tar.gz}; macOS builds ship as zip. */
    @Override
    public String releaseArchive(String os, String arch) {
        return "litestream-" + version() + "-" + os + "-" + arch + (releaseArchiveIsZip(os) ? ".zip" : ".tar.gz");
    }

    @Override
    public boolean releaseArchiveIsZip(String os) {
        return "darwin".equals(os);
    }

    @Override
    public boolean releaseHasChecksumsFile() {
        return false;
    }
}
