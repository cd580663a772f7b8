package dev.litestreamagent.agent;

/**
 * Tells whether this JVM is a JDK tool (javac, jcmd, jps, jshell, jar, keytool, ...) that only got
 * the agent because {@code JAVA_TOOL_OPTIONS} hands it to every JVM: replicating from inside
 * {@code javac} or {@code jps} would be wrong, so the agent stays out of their way.
 */
public final class JdkTools {
    /**
     * Main classes of JDK tools run from a class path (older launchers, {@code java -cp tools.jar
     * com.sun.tools.javac.Main}); since JDK 9 the launchers name a JDK module, which is enough.
     */
    private static final String[] TOOL_PACKAGES = {
        "com.sun.tools.", "sun.tools.", "jdk.tools.", "jdk.internal.", "jdk.jshell.", "jdk.javadoc.internal.",
        "sun.security.tools.", "jdk.jfr.internal.", "jdk.jpackage.", "sun.jvm.hotspot.", "sun.rmi.",
        "sun.net.httpserver.simpleserver."};

    private JdkTools() {
    }

    /**
     * True when {@code javaToolOptions} (the environment variable) carries a {@code -javaagent}
     * and {@code sunJavaCommand} (the {@code sun.java.command} property) starts a JDK tool: a main
     * class in a JDK module ({@code jdk.jcmd/sun.tools.jps.Jps}) or in a JDK tool package. Any
     * {@code -javaagent} counts, as the agent's jar may have been renamed. An agent given on a
     * tool's own command line is honoured: someone asked for it there.
     */
    public static boolean isJdkTool(String sunJavaCommand, String javaToolOptions) {
        if (javaToolOptions == null || !javaToolOptions.contains("-javaagent:")
                || sunJavaCommand == null || sunJavaCommand.trim().isEmpty()) {
            return false;
        }
        String main = sunJavaCommand.trim().split("\\s+", 2)[0];
        int slash = main.indexOf('/');
        if (slash > 0 && !main.endsWith(".jar")) {
            String module = main.substring(0, slash);
            if (module.startsWith("jdk.") || module.startsWith("java.")) {
                return true;
            }
            main = main.substring(slash + 1);
        }
        for (String prefix : TOOL_PACKAGES) {
            if (main.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
