package dev.litestreamagent.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's own version, as the build wrote it (the Maven project version). */
final class AgentVersion {
    private static final String RESOURCE = "/META-INF/litestream-agent/version.properties";

    private AgentVersion() {
    }

    /**
     * For example {@code 0.1.0}; {@code unknown} when the build's resource is missing (a hand-made class path).
     * In the jar, its manifest's {@code Implementation-Version}, which the JVM read when it opened the jar: the
     * resource would cost --version the system image's and a jar: URL's classes. Tests run from target/classes
     * read the resource.
     */
    static String current() {
        String inManifest = AgentVersion.class.getPackage().getImplementationVersion();
        if (inManifest != null) {
            return inManifest;
        }
        try (InputStream in = AgentVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
