package dev.litestreamagent.cli;

import java.io.PrintStream;

/**
 * {@code --version}, {@code -V}: the agent's version, the Litestream it would run and where that
 * binary comes from, and the Java running it. Litestream's own {@code version} command stays as it is:
 * scripts read its one word.
 */
final class VersionReport {
    private VersionReport() {
    }

    /** Always prints three lines; a Litestream that cannot be found or configured is one of them, saying why. */
    static void print(CliContext.Loader loader, PrintStream out) {
        out.println("litestream-agent " + AgentVersion.current());
        out.println(litestream(loader));
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")");
        out.flush();
    }

    private static String litestream(CliContext.Loader loader) {
        try {
            CliContext context = loader.load();
            return "Litestream " + context.version() + " at " + context.binary() + " (from " + context.binaryOrigin() + ")";
        } catch (IllegalArgumentException e) {
            return "Litestream: unknown, the configuration has problems (" + Help.LAUNCH + " config lists them): "
                    + firstLine(e.getMessage());
        } catch (IllegalStateException e) {
            return "Litestream: none found: " + e.getMessage();
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " ...";
    }
}
