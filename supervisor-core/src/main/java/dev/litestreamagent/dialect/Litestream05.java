package dev.litestreamagent.dialect;

import dev.litestreamagent.supervisor.ResyncPolicy;
import dev.litestreamagent.supervisor.log.LogMarkers;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Litestream 0.5 (read in the v0.5.x sources): LTX files, one {@code replica:} per database, an MCP server. */
final class Litestream05 extends Dialect {
    /**
     * v0.5.16's {@code ReplicaConfig} and the {@code new*ReplicaClientFromConfig} that read it (earlier 0.5
     * releases lack some S3 and SFTP options, which they ignore). {@code validation-interval} is declared
     * there but no replica reads it.
     */
    private static final ReplicaOptionTable REPLICA_OPTIONS = ReplicaOptionTable.common("type", "name", "path", "url",
                    "sync-interval", "max-sync-ltx-files", "auto-recover")
            .type("s3", "bucket", "region", "endpoint", "force-path-style", "sign-payload", "require-content-md5",
                    "skip-verify", "storage-class", "part-size", "concurrency", "sse-customer-algorithm",
                    "sse-customer-key", "sse-customer-key-path", "sse-kms-key-id", "access-key-id", "secret-access-key")
            .type("file")
            .type("gcs", "bucket")
            .type("abs", "bucket", "account-name", "account-key", "sas-token", "endpoint")
            .type("sftp", "host", "user", "password", "key-path", "host-key", "concurrent-writes")
            .type("nats", "bucket", "jwt", "seed", "creds", "nkey", "username", "password", "token", "tls",
                    "client-cert", "client-key", "max-reconnects", "reconnect-wait", "timeout")
            .type("oss", "bucket", "region", "endpoint", "part-size", "concurrency", "access-key-id",
                    "secret-access-key")
            .type("webdav", "webdav-url", "webdav-username", "webdav-password")
            .build();
    /** Per-replica settings of 0.3 that 0.5 ignores on a replica without a word, and what to do instead. */
    private static final Map<String, String> REPLACED = new HashMap<>();
    private static final Set<String> GLOBAL_OPTIONS = flags("addr", "logging", "mcp-addr", "snapshot", "levels",
            "heartbeat-url", "heartbeat-interval", "shutdown-sync-timeout");
    private static final Map<String, Set<String>> SUBCOMMANDS = new HashMap<>();
    private static final LitestreamVersion DIRECTORY_SINCE = new LitestreamVersion(0, 5, 3);
    private static final LitestreamVersion WATCH_SINCE = new LitestreamVersion(0, 5, 4);
    /** The agent's {@code status} is its own; Litestream's is run as {@code litestream-status}. */
    private static final String LITESTREAM_STATUS = "litestream-status";

    static {
        REPLACED.put("snapshot-interval", "set litestream.snapshot.interval instead");
        REPLACED.put("retention", "set litestream.snapshot.retention instead");
        REPLACED.put("retention-check-interval", "0.5 has no such setting");
        REPLACED.put("validation-interval", "no 0.5 replica reads it");
        SUBCOMMANDS.put("databases", flags("config"));
        SUBCOMMANDS.put("ltx", flags("config", "replica", "level"));
        SUBCOMMANDS.put("replicate", flags("config", "exec", "log-level"));
        SUBCOMMANDS.put("reset", flags("config"));
        SUBCOMMANDS.put("restore", flags("config", "o", "txid", "timestamp", "parallelism", "follow-interval",
                "integrity-check", "exec"));
        SUBCOMMANDS.put("status", flags("config"));
        SUBCOMMANDS.put("version", flags("config"));
        // The daemon's commands talk to a running replicate over its control socket: no -config.
        SUBCOMMANDS.put("info", flags("socket"));
        SUBCOMMANDS.put("list", flags("socket", "timeout"));
        SUBCOMMANDS.put("register", flags("socket", "timeout", "replica"));
        SUBCOMMANDS.put("start", flags("socket", "timeout"));
        SUBCOMMANDS.put("stop", flags("socket", "timeout"));
        SUBCOMMANDS.put("sync", flags("socket", "timeout"));
        SUBCOMMANDS.put("unregister", flags("socket", "timeout"));
    }

    Litestream05(LitestreamVersion version) {
        super(version, Collections.unmodifiableMap(SUBCOMMANDS));
    }

    @Override
    Dialect at(LitestreamVersion version) {
        return new Litestream05(version);
    }

    @Override
    public String name() {
        return "0.5";
    }

    @Override
    public Set<String> globalOptions() {
        return GLOBAL_OPTIONS;
    }

    @Override
    public List<String> loggingLevels() {
        return list("trace", "debug", "info", "warn", "error");
    }

    @Override
    ReplicaOptionTable replicaOptionTable() {
        return REPLICA_OPTIONS;
    }

    @Override
    public Optional<String> replacedReplicaOption(String option) {
        return Optional.ofNullable(REPLACED.get(option));
    }

    /** One replica per database: a {@code replicas:} list of more than one is refused by 0.5. */
    /** {@code dir}, {@code pattern} and {@code recursive} came with v0.5.3, {@code watch} with v0.5.4. */
    @Override
    public Optional<LitestreamVersion> directoryOptionSince(String option) {
        return Optional.of(option.equals("watch") ? WATCH_SINCE : DIRECTORY_SINCE);
    }

    @Override
    public boolean severalReplicas() {
        return false;
    }

    /** A single {@code replica:} (a one-entry {@code replicas:} list is still read, not written). */
    @Override
    public void putReplicas(Map<String, Object> database, List<Map<String, Object>> replicas) {
        if (replicas.size() != 1) {
            throw new IllegalArgumentException("Litestream 0.5 takes one replica per database, not " + replicas.size());
        }
        database.put("replica", replicas.get(0));
    }

    /**
     * {@code wal} is a deprecated alias of {@code ltx}; generations and snapshots are gone with the format;
     * Litestream's {@code status} goes by {@link #LITESTREAM_STATUS}.
     */
    @Override
    public Optional<String> subcommand(String command) {
        if (command.equals("wal")) {
            return Optional.of("ltx");
        }
        if (command.equals(LITESTREAM_STATUS)) {
            return Optional.of("status");
        }
        return super.subcommand(command);
    }

    /**
     * Not measured with 0.5: 0.3's messages are kept, which only the "up" check on systems without
     * /proc uses, as resync is off.
     */
    @Override
    public LogMarkers logMarkers() {
        return Litestream03.LOG_MARKERS;
    }

    /** 0.3's upload messages are not 0.5's: no database's last upload is known. */
    @Override
    public boolean logsUploads() {
        return false;
    }

    /** 0.5 logs other messages: an ERROR no upload line disarms would restart it every max-wait for good. */
    @Override
    public ResyncPolicy resyncPolicy(ResyncPolicy configured) {
        return ResyncPolicy.off();
    }

    /** {@code litestream-0.5.2-linux-x86_64.tar.gz} (GoReleaser's naming), tar.gz on every platform. */
    @Override
    public String releaseArchive(String os, String arch) {
        LitestreamVersion v = version();
        return "litestream-" + v.major() + "." + v.minor() + "." + v.patch() + "-" + os + "-"
                + ("amd64".equals(arch) ? "x86_64" : arch) + ".tar.gz";
    }

    @Override
    public boolean releaseArchiveIsZip(String os) {
        return false;
    }

    @Override
    public boolean releaseHasChecksumsFile() {
        return true;
    }
}
