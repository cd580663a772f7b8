package dev.litestreamagent.config;

import dev.litestreamagent.settings.Keys;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the agent's properties file is: the file that {@code litestream.config-file} names (agent
 * argument, then system property, then environment); else {@code ./litestream.properties}; else
 * {@code litestream.properties} on the class path. The one statement of these rules, used by the
 * full load and by the agent's start-up probe, which runs in premain of a cold JVM: hence plain
 * code, no lambdas. Immutable.
 */
public final class SettingsFile {
    public static final String FILE_NAME = "litestream.properties";

    private final String named;
    private final Path path;
    private final URL resource;

    private SettingsFile(String named, Path path, URL resource) {
        this.named = named;
        this.path = path;
        this.resource = resource;
    }

    /**
     * @param named the {@code litestream.config-file} value of the highest source that sets it, or null
     * @throws java.nio.file.InvalidPathException when {@code named} is not a path
     */
    public static SettingsFile locate(String named, Path workingDirectory, ClassLoader classLoader) {
        if (named != null) {
            return new SettingsFile(named, workingDirectory.resolve(named).normalize(), null);
        }
        Path local = workingDirectory.resolve(FILE_NAME);
        if (Files.isRegularFile(local)) {
            return new SettingsFile(null, local, null);
        }
        URL resource = classLoader == null ? null : classLoader.getResource(FILE_NAME);
        return new SettingsFile(null, null, resource);
    }

    /** The agent argument's key for a setting: {@code config} is the file, and the {@code litestream.} prefix is optional. */
    public static String agentArgumentKey(String key) {
        if (key.equals("config")) {
            return Keys.CONFIG_FILE_NAME; // a constant: no registry initialisation in premain
        }
        return key.startsWith(Keys.PREFIX) ? key : Keys.PREFIX + key;
    }

    /** The value the user named the file by, or null when it was found without a name. */
    public String named() {
        return named;
    }

    /** The file on disk (named or {@code ./litestream.properties}), or null. It may not exist when named. */
    public Path path() {
        return path;
    }

    /** The class-path resource, or null. */
    public URL resource() {
        return resource;
    }
}
