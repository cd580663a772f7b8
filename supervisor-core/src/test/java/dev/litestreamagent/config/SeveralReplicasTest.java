package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code litestream.dbs.<alias>.replicas.<name>.<option>}: several named replicas of one database. */
class SeveralReplicasTest {
    private static AgentConfig load(String args, Map<String, String> env) throws ConfigException {
        return ConfigLoader.load(ConfigInput.of(args, Map.of(), env, Path.of("/srv/app"), null));
    }

    private static List<String> problems(String args) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(args, Map.of()));
        return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    @Test
    void eachNamedReplicaIsCheckedAndNamedByItsKey() throws Exception {
        DatabaseConfig db = load("dbs.a.path=a.db;dbs.a.replicas.s3.type=s3;dbs.a.replicas.s3.bucket=b;"
                + "dbs.a.replicas.local.type=file;dbs.a.replicas.local.path=/b", Map.of()).databases().get(0);
        assertEquals(List.of("litestream.dbs.a.replicas.local.", "litestream.dbs.a.replicas.s3."),
                List.copyOf(db.replicas().keySet()));
        assertEquals(Map.of("name", "local", "type", "file", "path", "/b"),
                db.replicas().get("litestream.dbs.a.replicas.local."));
        assertEquals(List.of("litestream.dbs.a.replicas.s3.bucket: was \"b\", expected an option of a replica of type "
                + "file (see docs/configuration.md); unknown option s3.bucket (bucket is an option of replica type "
                + "[abs, gcs, nats, oss, s3])"), problems("dbs.a.path=a.db;dbs.a.replicas.s3.type=file;"
                + "dbs.a.replicas.s3.path=/b;dbs.a.replicas.s3.bucket=b"));
    }

    @Test
    void oneReplicaOrSeveralNotBothAndNoOtherName() {
        assertEquals(List.of("litestream.dbs.a.replicas.s3.*: not set, expected either litestream.dbs.a.replica.* "
                + "(one replica) or litestream.dbs.a.replicas.<name>.* (several), not both"),
                problems("dbs.a.path=a.db;dbs.a.replica.type=file;dbs.a.replica.path=/b;dbs.a.replicas.s3.type=s3;"
                        + "dbs.a.replicas.s3.bucket=b"));
        assertEquals(List.of("litestream.dbs.a.replicas.s3.name: was \"other\", expected no name option: the "
                + "replica's name is s3, from its keys"), problems("dbs.a.path=a.db;dbs.a.replicas.s3.type=s3;"
                + "dbs.a.replicas.s3.bucket=b;dbs.a.replicas.s3.name=other"));
        assertEquals(List.of("litestream.dbs.a.replicas.s3: was \"x\", expected a key litestream.dbs.a.replicas."
                + "<name>.<option>, such as litestream.dbs.a.replicas.s3.type"),
                problems("dbs.a.path=a.db;dbs.a.replica.type=file;dbs.a.replica.path=/b;dbs.a.replicas.s3=x"));
    }

    @Test
    void namedReplicasCanBeSetThroughTheEnvironment() throws Exception {
        DatabaseConfig db = load(null, Map.of("LITESTREAM_AGENT_DBS_MAIN_PATH", "main.db",
                "LITESTREAM_AGENT_DBS_MAIN_REPLICAS_LOCAL_TYPE", "file",
                "LITESTREAM_AGENT_DBS_MAIN_REPLICAS_LOCAL_PATH", "/b",
                "LITESTREAM_AGENT_DBS_MAIN_REPLICAS_REMOTE_TYPE", "s3",
                "LITESTREAM_AGENT_DBS_MAIN_REPLICAS_REMOTE_BUCKET", "b",
                "LITESTREAM_AGENT_DBS_MAIN_REPLICAS_REMOTE_FORCE_PATH_STYLE", "true")).databases().get(0);
        assertEquals(Map.of("name", "remote", "type", "s3", "bucket", "b", "force-path-style", "true"),
                db.replicas().get("litestream.dbs.main.replicas.remote."));
        assertEquals(2, db.replicas().size());
    }
}
