package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent jar shares the application's class path: nothing unrelocated may leak from it. */
class AgentJarContentsIT {
    private static final Pattern ALLOWED = Pattern.compile(
            "META-INF/"
                    + "|META-INF/MANIFEST\\.MF"
                    // Service files of the relocated libraries only: nothing that binds the host's SLF4J.
                    + "|META-INF/services/|META-INF/services/dev\\.litestreamagent\\.[A-Za-z0-9_.$]+"
                    // The nested sqlite-jdbc jar that only the CLI's verify loads, in its own class loader,
                    // and the agent's version for --version.
                    + "|META-INF/litestream-agent/(lib/(sqlite-jdbc\\.jar)?|version\\.properties)?"
                    + "|dev/|dev/litestreamagent/.*");

    @Test
    void carriesOnlyTheProjectsPackagesAndMetadata() throws Exception {
        List<String> leaks = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentProcess.agentJar().toFile())) {
            jar.stream().map(e -> e.getName()).filter(name -> !ALLOWED.matcher(name).matches()).forEach(leaks::add);
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("dev/litestreamagent/shaded/slf4j/")),
                    "the relocated SLF4J is missing");
        }
        assertEquals(List.of(), leaks, "entries outside the project's packages and META-INF metadata");
    }

    @Test
    void isAgentAndCliAtOnce() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            String entry = "dev.litestreamagent.agent.LitestreamAgent";
            assertEquals(entry, main.getValue("Premain-Class"));
            assertEquals(entry, main.getValue("Agent-Class"));
            assertEquals(entry, main.getValue("Main-Class"));
        }
    }
}
