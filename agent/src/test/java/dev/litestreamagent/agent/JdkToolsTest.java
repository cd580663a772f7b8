package dev.litestreamagent.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdkToolsTest {
    private static final String AGENT_IN_TOOL_OPTIONS = "-Xmx512m -javaagent:/opt/litestream-agent.jar=config=/etc/ls.properties";

    /** sun.java.command as the JDK 17 launchers set it (seen by an agent in JAVA_TOOL_OPTIONS). */
    @ParameterizedTest
    @ValueSource(strings = {
        "jdk.compiler/com.sun.tools.javac.Main -version",
        "jdk.jcmd/sun.tools.jps.Jps",
        "jdk.jcmd/sun.tools.jcmd.JCmd 1234 Thread.print",
        "jdk.jcmd/sun.tools.jstack.JStack -h",
        "jdk.jartool/sun.tools.jar.Main --version",
        "java.base/sun.security.tools.keytool.Main -help",
        "jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider --version",
        "jdk.javadoc/jdk.javadoc.internal.tool.Main --version",
        "jdk.jlink/jdk.tools.jlink.internal.Main --version",
        "jdk.jfr/jdk.jfr.internal.tool.Main summary x.jfr",
        "jdk.jdeps/com.sun.tools.javap.Main -version",
        // Class-path launches of tool classes, as older launchers and build tools do.
        "com.sun.tools.javac.Main -d out A.java",
        "sun.tools.jps.Jps -l",
        "sun.security.tools.keytool.Main -list"})
    void skipsJdkToolsWhenTheAgentCameThroughJavaToolOptions(String command) {
        assertTrue(JdkTools.isJdkTool(command, AGENT_IN_TOOL_OPTIONS), command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/srv/app/app.jar --port 8080",
        "target/spring-boot-example.jar",
        "jdk-tools/app.jar",
        "com.example.Main",
        "com.example.app/com.example.app.Main",
        "org.springframework.boot.loader.launch.JarLauncher",
        "org.apache.maven.wrapper.MavenWrapperMain package"})
    void runsInApplications(String command) {
        assertFalse(JdkTools.isJdkTool(command, AGENT_IN_TOOL_OPTIONS), command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-Xmx1g", "-Dfoo=javaagent"})
    void runsInToolsWhenJavaToolOptionsCarriesNoAgent(String toolOptions) {
        // The agent came on the tool's own command line: someone asked for it there.
        assertFalse(JdkTools.isJdkTool("jdk.compiler/com.sun.tools.javac.Main", toolOptions));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anUnknownCommandIsNoTool(String command) {
        assertFalse(JdkTools.isJdkTool(command, AGENT_IN_TOOL_OPTIONS));
        assertFalse(JdkTools.isJdkTool(null, AGENT_IN_TOOL_OPTIONS));
        assertFalse(JdkTools.isJdkTool("jdk.jcmd/sun.tools.jps.Jps", null));
    }
}
