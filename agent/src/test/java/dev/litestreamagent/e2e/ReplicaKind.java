package dev.litestreamagent.e2e;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.List;

/** Where a stop test's database is replicated to: the properties of its replica. */
enum ReplicaKind {
    FILE {
        @Override
        List<String> properties(Harness harness, Path dir, String prefix) {
            return List.of(prefix + "type=file", prefix + "path=" + dir.resolve("replica"));
        }
    },
    S3 {
        @Override
        List<String> properties(Harness harness, Path dir, String prefix) {
            return List.of(
                    prefix + "type=s3",
                    prefix + "bucket=" + harness.bucket(),
                    prefix + "path=" + dir.getFileName(),
                    prefix + "endpoint=" + harness.s3().endpoint(),
                    prefix + "region=" + S3ProxyServer.REGION,
                    prefix + "force-path-style=true",
                    prefix + "access-key-id=" + S3ProxyServer.ACCESS_KEY,
                    prefix + "secret-access-key=" + S3ProxyServer.SECRET_KEY);
        }
    };

    /**
     * The replica's properties for the database of folder {@code dir}, each key starting with
     * {@code prefix} ({@code litestream.dbs.ALIAS.replica.}).
     */
    abstract List<String> properties(Harness harness, Path dir, String prefix);
}
