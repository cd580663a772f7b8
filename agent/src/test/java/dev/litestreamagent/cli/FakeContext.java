package dev.litestreamagent.cli;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.DatabaseRef;
import dev.litestreamagent.dialect.LitestreamVersion;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link CliContext} with fixed answers, for tests that do not run Litestream. */
final class FakeContext implements CliContext {
    final LitestreamVersion version;
    final List<DatabaseRef> databases = new ArrayList<>();
    Duration verifyTimeout = Duration.ofSeconds(3);
    Duration stopTimeout = Duration.ofSeconds(20);
    boolean replicatorRunning = true;
    boolean lockUnreadable;
    int claims;
    int releases;
    String claimRefusal;

    FakeContext(String version) {
        this.version = LitestreamVersion.parse(version);
        databases.add(new DatabaseRef("default", Paths.get("/srv/app/data/app.db")));
        databases.add(new DatabaseRef("cache", Paths.get("/srv/app/data/cache.db")));
    }

    @Override
    public LitestreamVersion version() {
        return version;
    }

    @Override
    public Path binary() {
        return Paths.get("/opt/litestream/bin/litestream");
    }

    @Override
    public String binaryOrigin() {
        return "litestream.bin-path";
    }

    @Override
    public String configSources() {
        return "/srv/app/litestream.properties, -Dlitestream.*";
    }

    @Override
    public String renderedYaml() {
        return "dbs:\n  - path: /srv/app/data/app.db\n    replica:\n      type: s3\n      secret-access-key: $LITESTREAM_SECRET_ACCESS_KEY\n";
    }

    @Override
    public Map<String, String> childEnvironment() {
        return Map.of("LITESTREAM_SECRET_ACCESS_KEY", "s3cr3t");
    }

    @Override
    public List<DatabaseRef> databases() {
        return databases;
    }

    @Override
    public Duration stopTimeout() {
        return stopTimeout;
    }

    @Override
    public Duration verifyTimeout() {
        return verifyTimeout;
    }

    @Override
    public boolean replicatorRunning(DatabaseRef database) {
        return replicatorRunning;
    }

    @Override
    public ReplicatorClaim claimReplicator() {
        if (lockUnreadable) {
            throw new java.io.UncheckedIOException("cannot lock the databases [/srv/app/data/app.db]",
                    new java.io.IOException("Permission denied"));
        }
        if (claimRefusal != null) {
            throw new IllegalStateException(claimRefusal);
        }
        claims++;
        return () -> releases++;
    }
}
