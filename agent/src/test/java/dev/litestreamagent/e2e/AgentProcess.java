package dev.litestreamagent.e2e;

import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.TestBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Child JVMs for end-to-end tests: an example application under the agent, or the CLI. */
final class AgentProcess {
    private AgentProcess() {
    }

    static Path agentJar() {
        Path jar = TestBinary.projectRoot().resolve("agent/target/litestream-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with ./mvnw verify (the jar is built at package)");
        }
        return jar;
    }

    static Path exampleJar(String name) {
        return exampleJar(name, name + ".jar");
    }

    /** The runnable jar {@code jarName} that the example module in {@code examples/<module>} builds. */
    static Path exampleJar(String module, String jarName) {
        Path jar = TestBinary.projectRoot().resolve("examples/" + module + "/target/" + jarName);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with ./mvnw verify");
        }
        return jar;
    }

    /** {@code java [jvmArgs] -javaagent:agent.jar[=agentArgs] -jar app.jar [appArgs]}. */
    static List<String> appUnderAgent(String agentArgs, List<String> jvmArgs, Path appJar, String... appArgs) {
        List<String> command = new ArrayList<>();
        command.add(TestBinary.java().toString());
        command.addAll(jvmArgs);
        command.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
        command.add("-jar");
        command.add(appJar.toString());
        command.addAll(Arrays.asList(appArgs));
        return command;
    }

    /** {@code java -jar agent.jar args...} in {@code workDir}. */
    static ProcessResult cli(Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(TestBinary.java().toString());
        command.add("-jar");
        command.add(agentJar().toString());
        command.addAll(Arrays.asList(args));
        return ProcessResult.run(command, env, workDir, 120);
    }
}
