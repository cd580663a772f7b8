package dev.litestreamagent.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 17 (14): the application started by {@code replicate -exec} must not see the replica credentials. */
class ExecWithoutSecretsTest {
    private static final Set<String> CHILD = Set.of("LSA_SECRET_MAIN_PASSWORD", "LSA_DOLLAR");

    @Test
    void everyExecFormStartsItsCommandWithoutTheSecretVariables() {
        String wrapped = "env -u LSA_SECRET_MAIN_PASSWORD java -jar app.jar";
        assertEquals(List.of("-exec", wrapped, "-log-level", "debug"),
                ExecWithoutSecrets.apply(List.of("-exec", "java -jar app.jar", "-log-level", "debug"), CHILD));
        assertEquals(List.of("--exec", wrapped), ExecWithoutSecrets.apply(List.of("--exec", "java -jar app.jar"), CHILD));
        assertEquals(List.of("-exec=" + wrapped), ExecWithoutSecrets.apply(List.of("-exec=java -jar app.jar"), CHILD));
        assertEquals(List.of("--exec=" + wrapped), ExecWithoutSecrets.apply(List.of("--exec=java -jar app.jar"), CHILD));
        assertEquals(List.of("-exec", "java -jar app.jar"),
                ExecWithoutSecrets.apply(List.of("-exec", "java -jar app.jar"), Set.of("LSA_DOLLAR")));
    }

    @Test
    void theWrappedCommandRunsWithoutTheSecretWhileItsParentHasIt() throws Exception {
        String exec = ExecWithoutSecrets.apply(List.of("-exec", "sh -c 'echo ${LSA_SECRET_MAIN_PASSWORD:-unset}'"), CHILD)
                .get(1);
        // Litestream (the parent) holds the secret in its environment and starts the -exec command from it.
        ProcessBuilder parent = new ProcessBuilder("sh", "-c", exec).redirectErrorStream(true);
        parent.environment().put("LSA_SECRET_MAIN_PASSWORD", "S3CRET-14");
        Process p = parent.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        assertEquals("unset", output);
    }
}
