package dev.litestreamagent.cli.command;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code --version}, {@code -V}: the agent's version, the Litestream it would run and where that
 * binary comes from, and the Java running it. Litestream's own {@code version} command stays as it is:
 * scripts read its one word.
 */
public final class VersionReport implements Command {
    private final String flag;
    private final Tools tools;

    /** {@code flag}: as typed, {@code --version} or {@code -V}, for the error message. */
    public VersionReport(String flag, Tools tools) {
        this.flag = flag;
        this.tools = tools;
    }

    /** Always prints three lines; a Litestream that cannot be found or configured is one of them, saying why. */
    @Override
    public int run(List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException(flag + ": takes no arguments; seen \"" + String.join(" ", args) + "\"");
        }
        PrintStream out = tools.out();
        out.println("litestream-agent " + AgentVersion.current());
        out.println(litestream(tools.loader()));
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")");
        out.flush();
        return OK;
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
