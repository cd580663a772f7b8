package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.testing.TestBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The README's deployment recipes, checked where this machine can: the container's command and
 * environment run for real (no container engine here), the Kubernetes manifest parses and keeps
 * the grace period above the stop timeout, the systemd unit signals the JVM only.
 */
@ExtendWith(LitestreamHarness.class)
class ReadmeRecipesIT {

    private static String block(String language) throws Exception {
        String readme = new String(Files.readAllBytes(TestBinary.projectRoot().resolve("README.md")), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "no ```" + language + " block in the README");
        return m.group(1);
    }

    /** Every LITESTREAM_AGENT_* name in a recipe must be a setting the agent knows. */
    private static AgentConfig loadWithEnv(Map<String, String> env, Path dir) throws Exception {
        return ConfigLoader.load(ConfigInput.of(null, Map.of(), env, dir, null));
    }

    @Test
    void theContainerCommandRestoresAndReplicatesWithTheRecipesEnvironment(Harness harness) throws Exception {
        String dockerfile = block("dockerfile");
        Map<String, String> env = new HashMap<>();
        Matcher e = Pattern.compile("(LITESTREAM_AGENT_[A-Z_]+)=(\\S+)").matcher(dockerfile);
        while (e.find()) {
            env.put(e.group(1), e.group(2));
        }
        assertEquals(Map.of("LITESTREAM_AGENT_RESTORE_ON_START", "true", "LITESTREAM_AGENT_REQUIRED", "true"), env);
        Matcher cmd = Pattern.compile("CMD \\[(.*)]").matcher(dockerfile);
        assertTrue(cmd.find(), dockerfile);
        List<String> command = new ArrayList<>();
        for (String part : cmd.group(1).split(",")) {
            command.add(part.trim().replace("\"", "").replace("/app/", harness.tempDir() + "/"));
        }
        command.set(0, TestBinary.java().toString());
        Files.copy(AgentProcess.agentJar(), harness.tempDir().resolve("litestream-agent.jar"));
        Files.copy(AgentProcess.exampleJar("event-log"), harness.tempDir().resolve("app.jar"));
        Files.write(harness.tempDir().resolve("litestream.properties"), List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs.events.url=jdbc:sqlite:data/events.db",
                "litestream.dbs.events.replica.type=file",
                "litestream.dbs.events.replica.path=" + harness.tempDir().resolve("replica")), StandardCharsets.UTF_8);
        command.addAll(List.of("--events", "15", "--interval-ms", "20"));

        ProcessResult first = ProcessResult.run(command, env, harness.tempDir(), 120);
        assertEquals(0, first.exitCode(), first.toString());
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(harness.tempDir().resolve("data/events.db" + suffix)); // a new container's disk
        }
        ProcessResult second = ProcessResult.run(command, env, harness.tempDir(), 120);
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.output().contains("it now holds 30"), second.toString());
        assertEquals(30, Sqlite.count(harness.tempDir().resolve("data/events.db")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesManifestKeepsOneReplicaAndAGracePeriodAboveTheStopTimeout(Harness harness) throws Exception {
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(block("yaml"))).get("spec");
        assertEquals(1, spec.get("replicas"));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        AgentConfig defaults = loadWithEnv(Map.of(), harness.tempDir());
        assertTrue(((Integer) pod.get("terminationGracePeriodSeconds")) > defaults.stopTimeout().getSeconds());
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
            for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
                env.put((String) variable.get("name"), variable.containsKey("value") ? (String) variable.get("value") : "x");
            }
        }
        assertTrue(loadWithEnv(env, harness.tempDir()).restoreOnStart(), env.toString());
    }

    @Test
    void theSystemdUnitSignalsTheJvmOnlyAndWaitsLongerThanTheStopTimeout(Harness harness) throws Exception {
        String unit = block("ini");
        assertTrue(unit.contains("KillMode=mixed"), unit);
        Matcher timeout = Pattern.compile("TimeoutStopSec=(\\d+)").matcher(unit);
        assertTrue(timeout.find(), unit);
        assertTrue(Long.parseLong(timeout.group(1)) > loadWithEnv(Map.of(), harness.tempDir()).stopTimeout().getSeconds());
        assertTrue(unit.contains("-javaagent:") && unit.contains(" -jar "), unit);
    }
}
