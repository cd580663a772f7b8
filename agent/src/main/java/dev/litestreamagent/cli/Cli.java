package dev.litestreamagent.cli;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.Command;
import dev.litestreamagent.cli.command.CommandSpec;
import dev.litestreamagent.cli.command.Help;
import dev.litestreamagent.cli.command.HelpCommand;
import dev.litestreamagent.cli.command.InstallSettings;
import dev.litestreamagent.cli.command.SqliteSource;
import dev.litestreamagent.cli.command.Tools;
import dev.litestreamagent.cli.command.VersionReport;
import dev.litestreamagent.cli.command.UsageException;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.fs.UntrustedText;
import dev.litestreamagent.supervisor.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar litestream-agent.jar <command>}: finds the command in {@link CommandSpec}, runs
 * it, and turns every outcome into an exit code and a message, never a stack trace.
 */
public final class Cli {
    /** An argument echoed in an error is cut there: a pasted megabyte stays off the terminal. */
    private static final int MAX_LINE_CHARS = 2000;

    private final Tools tools;
    private final PrintStream err;

    Cli(CliContext.Loader loader, ProcessLauncher launcher, Clock clock, SqliteSource sqlite, PrintStream out, PrintStream err) {
        this(loader, new JvmSources(), launcher, clock, sqlite, out, err);
    }

    Cli(CliContext.Loader loader, InstallSettings installSettings, ProcessLauncher launcher, Clock clock,
            SqliteSource sqlite, PrintStream out, PrintStream err) {
        this.tools = new Tools(loader, installSettings, launcher, clock, sqlite, out, err);
        this.err = err;
    }

    public static void main(String[] args) {
        JvmSources jvm = new JvmSources();
        System.exit(new Cli(jvm, jvm, new SystemProcessLauncher(), Clock.SYSTEM, jvm, System.out, System.err).run(args));
    }

    /** Runs one command line and returns the exit code. */
    int run(String... argv) {
        List<String> args = Arrays.asList(argv);
        try {
            if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
                return new HelpCommand(tools).run(List.of());
            }
            List<String> rest = args.subList(1, args.size());
            if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
                return new VersionReport(args.get(0), tools).run(rest);
            }
            return CommandSpec.named(args.get(0), "").create(tools).run(rest);
        } catch (UsageException e) {
            error(e.getMessage());
            err.println("Run '" + Help.LAUNCH + " help' for the list of commands.");
            return Command.USAGE;
        } catch (IllegalArgumentException e) {
            // A configuration error: its message is the one header and every problem.
            error(e.getMessage());
            return Command.USAGE;
        } catch (IllegalStateException | IOException | BinaryException e) {
            error(e.getMessage());
            return Command.FAILURE;
        } catch (UncheckedIOException e) {
            // Reading or taking a replicator lock: name the file and the cause, as for any I/O failure.
            error(e.getMessage() + ": " + e.getCause().getMessage());
            return Command.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("litestream-agent: interrupted");
            return Command.FAILURE;
        } catch (RuntimeException e) {
            // A fault of the agent's own: one line to report, never a stack trace on the user's terminal.
            error("internal error, please report it: " + e);
            return Command.FAILURE;
        }
    }

    /**
     * Messages echo what the user typed (arguments, setting values): control characters in them become
     * '?', so an escape sequence is shown, not obeyed by the terminal. Line breaks of the message stay.
     */
    private void error(String message) {
        StringBuilder printed = new StringBuilder("litestream-agent: ");
        String[] lines = String.valueOf(message).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            printed.append(i == 0 ? "" : "\n").append(UntrustedText.printable(lines[i], MAX_LINE_CHARS));
        }
        err.println(printed);
    }
}
