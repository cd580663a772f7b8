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
    /** Per-replica settings 0.5 ignores without a word. */
    private static final List<String> GLOBAL_SINCE_05 = list("snapshot-interval", "retention",
            "retention-check-interval", "validation-interval");
    private static final Map<String, Set<String>> SUBCOMMANDS = new HashMap<>();
    /** The agent's {@code status} is its own; Litestream's is run as {@code litestream-status}. */
    private static final String LITESTREAM_STATUS = "litestream-status";

    static {
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
    public boolean hasMcpServer() {
        return true;
    }

    @Override
    public List<String> loggingLevels() {
        return list("trace", "debug", "info", "warn", "error");
    }

    @Override
    public List<String> replicaTypes() {
        return list("s3", "file", "gcs", "abs", "sftp", "nats", "oss", "webdav");
    }

    @Override
    public Optional<String> ignoredReplicaOption(String option) {
        return GLOBAL_SINCE_05.contains(option)
                ? Optional.of("snapshots and retention are global settings since 0.5") : Optional.empty();
    }

    /** A single {@code replica:} (a one-entry {@code replicas:} list is still read, not written). */
    @Override
    public void putReplica(Map<String, Object> database, Map<String, Object> replica) {
        database.put("replica", replica);
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
