package dev.litestreamagent.cli.command;

import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.supervisor.Clock;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What a command may use: the configuration loader, the binary settings for {@code install}, the
 * process launcher, the clock, verify's SQLite and the output streams. Tests replace any of them.
 */
public final class Tools {
    private final CliContext.Loader loader;
    private final InstallSettings installSettings;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final SqliteSource sqlite;
    private final PrintStream out;
    private final PrintStream err;

    public Tools(CliContext.Loader loader, InstallSettings installSettings, ProcessLauncher launcher,
            Clock clock, SqliteSource sqlite, PrintStream out, PrintStream err) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.installSettings = Objects.requireNonNull(installSettings, "installSettings");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sqlite = Objects.requireNonNull(sqlite, "sqlite");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * The loaded configuration and installed binary, for a command that exists on that binary.
     *
     * @throws IllegalArgumentException when the command acts on every configured database and there is none
     * @throws IllegalStateException when no binary was found, saying why
     * @throws UsageException when the installed Litestream has no such command, naming its version
     */
    CliContext context(CommandSpec spec) {
        CliContext context = loader.load();
        // A missing configuration is the first thing to fix: no binary could help.
        if (spec.positional().needsConfiguredDatabases() && context.nothingConfigured()) {
            throw new IllegalArgumentException(spec.command() + ": " + context.noDatabaseReason());
        }
        if (context.binaryProblem().isPresent()) {
            throw new IllegalStateException(context.binaryProblem().get());
        }
        if (!spec.availableOn(context.dialect())) {
            throw new UsageException(spec.command() + ": exists in " + spec.availability()
                    + "; the installed Litestream is " + context.version() + " (" + context.binary() + ")");
        }
        return context;
    }

    CliContext.Loader loader() {
        return loader;
    }

    InstallSettings installSettings() {
        return installSettings;
    }

    LitestreamRunner runner(CliContext context) {
        return new LitestreamRunner(context, launcher);
    }

    Clock clock() {
        return clock;
    }

    SqliteSource sqlite() {
        return sqlite;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
