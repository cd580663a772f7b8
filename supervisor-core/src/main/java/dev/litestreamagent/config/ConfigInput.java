package dev.litestreamagent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The raw sources a configuration is read from, captured once so loading is repeatable and testable. */
public final class ConfigInput {
    private final String agentArgs;
    private final Map<String, String> systemProperties;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final ClassLoader classLoader;

    private ConfigInput(String agentArgs, Map<String, String> systemProperties, Map<String, String> env,
            Path workingDirectory, ClassLoader classLoader) {
        this.agentArgs = agentArgs;
        this.systemProperties = Collections.unmodifiableMap(new HashMap<>(systemProperties));
        this.env = Collections.unmodifiableMap(new HashMap<>(env));
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.classLoader = classLoader;
    }

    /** This JVM: its system properties, environment, working directory and context class loader. */
    public static ConfigInput fromRuntime(String agentArgs) {
        Map<String, String> props = new HashMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            props.put(key, System.getProperty(key));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ConfigInput(agentArgs, props, System.getenv(), Paths.get("").toAbsolutePath(),
                loader != null ? loader : ConfigInput.class.getClassLoader());
    }

    /** {@code agentArgs} and {@code classLoader} may be null (no agent argument, no class-path lookup). */
    public static ConfigInput of(String agentArgs, Map<String, String> systemProperties, Map<String, String> env,
            Path workingDirectory, ClassLoader classLoader) {
        return new ConfigInput(agentArgs, Objects.requireNonNull(systemProperties, "systemProperties"),
                Objects.requireNonNull(env, "env"), Objects.requireNonNull(workingDirectory, "workingDirectory"),
                classLoader);
    }

    public Optional<String> agentArgs() {
        return agentArgs == null || agentArgs.trim().isEmpty() ? Optional.empty() : Optional.of(agentArgs);
    }

    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Optional<ClassLoader> classLoader() {
        return Optional.ofNullable(classLoader);
    }
}
