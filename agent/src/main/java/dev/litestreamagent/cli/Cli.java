package dev.litestreamagent.cli;

import dev.litestreamagent.agent.attach.Attacher;
import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.verify.SqliteConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code java -jar litestream-agent.jar <command>}: dispatches to the commands and turns every
 * outcome into an exit code and a message, never a stack trace.
 */
public final class Cli {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final CliContext.Loader loader;
    private final InstallCommand.Settings installSettings;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final SqliteSource sqlite;
    private final PrintStream out;
    private final PrintStream err;

    Cli(CliContext.Loader loader, ProcessLauncher launcher, Clock clock, SqliteSource sqlite, PrintStream out, PrintStream err) {
        this(loader, ConfigCliContext::installSettings, launcher, clock, sqlite, out, err);
    }

    Cli(CliContext.Loader loader, InstallCommand.Settings installSettings, ProcessLauncher launcher, Clock clock,
            SqliteSource sqlite, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.installSettings = installSettings;
        this.launcher = launcher;
        this.clock = clock;
        this.sqlite = sqlite;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Cli(ConfigCliContext::load, new SystemProcessLauncher(), Clock.SYSTEM, IsolatedSqlite::shared,
                System.out, System.err).run(args));
    }

    /** Runs one command line and returns the exit code. */
    int run(String... argv) {
        List<String> args = Arrays.asList(argv);
        try {
            if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
                return help(null);
            }
            if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
                if (args.size() > 1) {
                    throw new UsageException(args.get(0) + ": takes no arguments; seen \""
                            + String.join(" ", args.subList(1, args.size())) + "\"");
                }
                VersionReport.print(loader, out);
                return OK;
            }
            CommandSpec spec = command(args.get(0), "");
            List<String> rest = args.subList(1, args.size());
            if (spec == CommandSpec.HELP) {
                return help(rest);
            }
            if (spec == CommandSpec.ATTACH) {
                // The configuration is the target JVM's to load, not ours.
                return Attacher.run(rest.toArray(new String[0]), out, err);
            }
            if (spec == CommandSpec.INSTALL) {
                return new InstallCommand(installSettings, out).run(rest);
            }
            CliContext context = loader.load();
            if (!spec.availableOn(context.dialect())) {
                throw new UsageException(spec.command() + ": exists in " + spec.availability()
                        + "; the installed Litestream is " + context.version() + " (" + context.binary() + ")");
            }
            return dispatch(spec, context, rest);
        } catch (UsageException e) {
            err.println("litestream-agent: " + e.getMessage());
            err.println("Run '" + Help.LAUNCH + " help' for the list of commands.");
            return USAGE;
        } catch (IllegalArgumentException e) {
            // A configuration error: its message is the one header and every problem.
            err.println("litestream-agent: " + e.getMessage());
            return USAGE;
        } catch (IllegalStateException | IOException | BinaryException e) {
            err.println("litestream-agent: " + e.getMessage());
            return FAILURE;
        } catch (UncheckedIOException e) {
            // Reading or taking a replicator lock: name the file and the cause, as for any I/O failure.
            err.println("litestream-agent: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("litestream-agent: interrupted");
            return FAILURE;
        }
    }

    private int dispatch(CommandSpec spec, CliContext context, List<String> args) throws IOException, InterruptedException {
        LitestreamRunner runner = new LitestreamRunner(context, launcher);
        switch (spec) {
            case CONFIG:
                if (!args.isEmpty()) {
                    throw new UsageException("config: takes no arguments; seen \"" + String.join(" ", args) + "\"");
                }
                out.print(context.renderedYaml());
                out.flush();
                return OK;
            case REPLICATE:
                return new ReplicateCommand(context, runner).run(args);
            case VERIFY:
                return new VerifyCommand(context, runner, sqlite, clock, out).run(args);
            default:
                return new PassThroughCommand(spec, context, runner).run(args);
        }
    }

    private int help(List<String> topic) {
        Optional<CommandSpec> spec = Optional.empty();
        if (topic != null && !topic.isEmpty()) {
            if (topic.size() > 1) {
                throw new UsageException("help: expected at most one command name; seen \"" + String.join(" ", topic) + "\"");
            }
            spec = Optional.of(command(topic.get(0), "help: "));
        }
        CliContext context = null;
        String problem = null;
        try {
            context = loader.load();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        out.print(spec.isPresent() ? Help.command(spec.get(), context, problem) : Help.overview(context, problem));
        out.flush();
        return OK;
    }

    private static CommandSpec command(String name, String context) {
        return CommandSpec.named(name).orElseThrow(() -> new UsageException(context + "unknown command \"" + name
                + "\"; expected one of: " + Arrays.stream(CommandSpec.values()).map(CommandSpec::command)
                .collect(Collectors.joining(", ")) + ", --version"));
    }

    /** Where verify's SQLite comes from: loaded only when verify runs. */
    interface SqliteSource {
        SqliteConnector get() throws IOException;
    }
}
