package dev.litestreamagent.cli;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.DatabaseRef;
import dev.litestreamagent.dialect.LitestreamVersion;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A {@link CliContext} read from a properties file a test writes (version, binary, YAML file,
 * {@code db.<alias>=path}, stop and verify timeouts, the pid of the test's replicator), so that the CLI can
 * run in a child JVM against the real binary before the agent's configuration is merged in.
 */
final class FileCliContext implements CliContext {
    private final Properties properties;
    private final Path file;

    FileCliContext(Path file) throws IOException {
        this.file = file;
        this.properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
    }

    @Override
    public LitestreamVersion version() {
        return LitestreamVersion.parse(properties.getProperty("version"));
    }

    @Override
    public Path binary() {
        return Paths.get(properties.getProperty("binary"));
    }

    @Override
    public String binaryOrigin() {
        return "litestream.bin-path";
    }

    @Override
    public String configSources() {
        return file.toString();
    }

    @Override
    public String renderedYaml() {
        try {
            return Files.readString(Paths.get(properties.getProperty("yaml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> childEnvironment() {
        return Map.of();
    }

    @Override
    public List<DatabaseRef> databases() {
        List<DatabaseRef> databases = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith("db.")) {
                // replicas.<alias>=a,b: the names of its replicas, when it has several
                String replicas = properties.getProperty("replicas." + key.substring(3), "");
                databases.add(new DatabaseRef(key.substring(3), Paths.get(properties.getProperty(key)),
                        replicas.isEmpty() ? List.of() : List.of(replicas.split(","))));
            }
        }
        return databases;
    }

    @Override
    public Duration stopTimeout() {
        return Duration.ofMillis(Long.parseLong(properties.getProperty("stop-timeout-ms", "20000")));
    }

    @Override
    public Duration verifyTimeout() {
        return Duration.ofMillis(Long.parseLong(properties.getProperty("verify-timeout-ms", "10000")));
    }

    @Override
    public boolean replicatorRunning(DatabaseRef database) {
        String pid = properties.getProperty("replicator.pid");
        return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public ReplicatorClaim claimReplicator() {
        return () -> { };
    }
}
