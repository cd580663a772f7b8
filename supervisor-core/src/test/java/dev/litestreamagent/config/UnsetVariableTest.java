package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A $VAR that is not set would reach Litestream as an empty string: refused, naming the variable and the key. */
class UnsetVariableTest {
    private static final String S3 = "dbs.a.path=a.db;dbs.a.replica.type=s3;dbs.a.replica.bucket=b;";

    private static AgentConfig load(String args, Map<String, String> env) throws ConfigException {
        return load(args, Map.of(), env);
    }

    /** {@code litestream.runtime-env} as a system property: agent arguments split at commas. */
    private static AgentConfig load(String args, Map<String, String> props, Map<String, String> env)
            throws ConfigException {
        return ConfigLoader.load(ConfigInput.of(args, props, env, Path.of("/srv/app"), null));
    }

    private static List<String> problems(String args, Map<String, String> env) {
        return problems(args, Map.of(), env);
    }

    private static List<String> problems(String args, Map<String, String> props, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(args, props, env));
        return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    @Test
    void anUnsetReferenceIsAnErrorNamingTheVariableAndTheKey() {
        assertEquals(List.of("litestream.dbs.a.replica.access-key-id: was \"${UNSET}\", expected a value whose "
                + "variables are set: UNSET is not set, and Litestream would make $UNSET an empty string (set UNSET, "
                + "write $$ for a literal $, or list UNSET in litestream.runtime-env to leave it to Litestream, "
                + "empty when unset)"), problems(S3 + "dbs.a.replica.access-key-id=${UNSET}", Map.of()));
    }

    @Test
    void everyReferenceInAValueIsCheckedAndDollarDollarIsNone() {
        List<String> seen = problems(S3 + "dbs.a.replica.path=$$x/${HOST_A}/$HOST_B/${SET}", Map.of("SET", "1"));
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).contains("HOST_A is not set"), seen.toString());
        assertTrue(seen.get(1).contains("HOST_B is not set"), seen.toString());
        assertTrue(problems("dbs.a.path=a.db;dbs.a.monitor-interval=${TICK};dbs.a.replica.type=file;"
                + "dbs.a.replica.path=/b", Map.of()).get(0).startsWith("litestream.dbs.a.monitor-interval: "));
        assertTrue(problems("dbs.a.path=a.db;default-replica.bucket=$BUCKET", Map.of()).get(0)
                .startsWith("litestream.default-replica.bucket: "));
    }

    @Test
    void aSetVariableOrOneListedInRuntimeEnvGoesToLitestreamAsWritten() throws Exception {
        AgentConfig set = load(S3 + "dbs.a.replica.access-key-id=${KEY_ID}", Map.of("KEY_ID", "AKIA"));
        assertTrue(LitestreamYaml.render(set, LitestreamVersion.V0_3_13).yaml().contains("access-key-id: ${KEY_ID}"));
        AgentConfig runtime = load(S3 + "dbs.a.replica.access-key-id=${KEY_ID}",
                Map.of("litestream.runtime-env", "OTHER, KEY_ID"), Map.of());
        assertTrue(LitestreamYaml.render(runtime, LitestreamVersion.V0_3_13).yaml()
                .contains("access-key-id: ${KEY_ID}"));
        assertEquals("OTHER, KEY_ID", runtime.settings().get("litestream.runtime-env"));
    }

    @Test
    void aLiteralSecretWithADollarIsNoReferenceAndNeverShown() throws Exception {
        AgentConfig config = load(S3 + "dbs.a.replica.secret-access-key=pa$word$X", Map.of());
        assertEquals("pa$word$X", LitestreamYaml.render(config, LitestreamVersion.V0_3_13).environment()
                .get("LSA_SECRET_A_SECRET_ACCESS_KEY"));
        List<String> seen = problems(S3 + "dbs.a.replica.secret-access-key=${NOPE}", Map.of());
        assertTrue(seen.get(0).contains("NOPE is not set"), seen.toString());
    }

    @Test
    void runtimeEnvTakesVariableNamesOnly() {
        List<String> seen = problems(S3, Map.of("litestream.runtime-env", "AWS_ROLE_ARN,9LIVES"), Map.of());
        assertEquals(List.of("litestream.runtime-env: was \"AWS_ROLE_ARN,9LIVES\", expected environment variable "
                + "names separated by commas, such as AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY"), seen);
    }
}
