package dev.litestreamagent.cli.command;

import dev.litestreamagent.dialect.Dialect;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every command of the CLI, the one table: its synopsis, one line of help, whether it is
 * Litestream's (then the installed version's dialect says whether it exists) or the agent's own
 * (always there), and the class that runs it. Help and dispatch both read it.
 */
public enum CommandSpec {
    CONFIG("config", "", "print the YAML handed to Litestream (secrets as $VAR references)", Owner.AGENT,
            Positional.NONE),
    DATABASES("databases", "[flags]", "list the configured databases and their replicas", Owner.LITESTREAM,
            Positional.EVERY_DATABASE),
    GENERATIONS("generations", "[flags] DB|REPLICA_URL", "list the generations of a database's replicas",
            Owner.LITESTREAM, Positional.DATABASE),
    SNAPSHOTS("snapshots", "[flags] DB|REPLICA_URL", "list the snapshots of a database's replicas", Owner.LITESTREAM,
            Positional.DATABASE),
    WAL("wal", "[flags] DB|REPLICA_URL", "list WAL files (on 0.5: LTX files, the same as ltx)", Owner.LITESTREAM,
            Positional.DATABASE),
    LTX("ltx", "[-level N] [flags] DB|REPLICA_URL", "list the LTX files of a database's replica", Owner.LITESTREAM,
            Positional.DATABASE),
    RESTORE("restore", "[flags] DB|REPLICA_URL", "restore a database from its replica (-o PATH to put it elsewhere)",
            Owner.LITESTREAM, Positional.DATABASE),
    REPLICATE("replicate", "[-exec \"CMD\"] [flags]",
            "replicate every configured database (0.5: MCP server too when litestream.mcp-addr is set)",
            Owner.LITESTREAM, Positional.EVERY_DATABASE),
    LITESTREAM_STATUS("litestream-status", "[-json] [DB]",
            "Litestream's own status command: each database's local TXID and WAL size, from its files (0.5.6+)",
            Owner.LITESTREAM, Positional.OPTIONAL_DATABASE),
    RESET("reset", "[-dry-run] DB", "clear Litestream's local state of a database: the next sync starts with a"
            + " fresh snapshot (0.5.7+)", Owner.LITESTREAM, Positional.DATABASE),
    SYNC("sync", "[-wait] [-timeout S] [-socket PATH] DB", "make the running replicate sync a database now,"
            + " over its control socket (0.5.9+)", Owner.LITESTREAM, Positional.DATABASE),
    INFO("info", "[-socket PATH]", "the running replicate's information, over its control socket (0.5.8+)",
            Owner.LITESTREAM, Positional.NONE),
    LIST("list", "[-socket PATH] [-timeout S]", "the databases the running replicate manages (0.5.8+)",
            Owner.LITESTREAM, Positional.NONE),
    REGISTER("register", "-replica URL [-socket PATH] [-json] DB", "add a database to the running replicate"
            + " (0.5.8+)", Owner.LITESTREAM, Positional.DATABASE),
    UNREGISTER("unregister", "[-socket PATH] [-json] DB", "remove a database from the running replicate (0.5.8+)",
            Owner.LITESTREAM, Positional.DATABASE),
    START("start", "[-socket PATH] [-json] DB", "resume replicating a database in the running replicate (0.5.7+)",
            Owner.LITESTREAM, Positional.DATABASE),
    STOP("stop", "[-socket PATH] DB", "stop replicating a database in the running replicate, after a final sync"
            + " (0.5.7+)", Owner.LITESTREAM, Positional.DATABASE),
    VERIFY("verify", "[--json] [-replica NAME] DB... | [--json] [-replica NAME] --all",
            "prove the backup is current: write a row, restore until it appears, check integrity", Owner.AGENT,
            Positional.NONE),
    STATUS("status", "[--json] [DB...]",
            "who replicates each database, and the running agent's state, uploads, restarts, errors", Owner.AGENT,
            Positional.NONE),
    VERSION("version", "", "print the installed Litestream's version (--version: the agent's too)",
            Owner.LITESTREAM, Positional.NONE),
    INSTALL("install", "[--dir DIR]",
            "download the pinned Litestream for this machine (sha256-checked) into the agent's cache or DIR;"
                    + " prints the litestream.bin-path line", Owner.AGENT, Positional.NONE),
    ATTACH("attach", "PID [CONFIG.properties] [key=value ...]",
            "load the agent into a running JVM of this user: replication starts without a restart", Owner.AGENT,
            Positional.NONE),
    HELP("help", "[COMMAND | keys]", "list the commands, describe one, or list the configuration keys", Owner.AGENT,
            Positional.NONE);

    private final String command;
    private final String synopsis;
    private final String summary;
    private final Owner owner;
    private final Positional positional;

    CommandSpec(String command, String synopsis, String summary, Owner owner, Positional positional) {
        this.command = command;
        this.synopsis = synopsis;
        this.summary = summary;
        this.owner = owner;
        this.positional = positional;
    }

    static Optional<CommandSpec> named(String name) {
        for (CommandSpec spec : values()) {
            if (spec.command.equals(name)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /**
     * The command called {@code name}.
     *
     * @param prefix what the error message starts with ({@code "help: "}), empty for the command line itself
     * @throws UsageException listing every command when there is none of that name
     */
    public static CommandSpec named(String name, String prefix) {
        Optional<CommandSpec> spec = named(name);
        if (spec.isPresent()) {
            return spec.get();
        }
        throw new UsageException(prefix + "unknown command \"" + name + "\"; expected one of: "
                + Arrays.stream(values()).map(CommandSpec::command).collect(Collectors.joining(", ")) + ", --version");
    }

    /**
     * The command, ready to run with {@code tools}: Litestream's commands that the agent only passes on share
     * one class. A switch, not a factory lambda per entry: those would start the lambda machinery in every command.
     */
    public Command create(Tools tools) {
        switch (this) {
            case CONFIG:
                return new ConfigCommand(tools);
            case RESTORE:
                return new RestoreCommand(tools);
            case REPLICATE:
                return new ReplicateCommand(tools);
            case VERIFY:
                return new VerifyCommand(tools);
            case STATUS:
                return new StatusCommand(tools);
            case INSTALL:
                return new InstallCommand(tools);
            case ATTACH:
                return new AttachCommand(tools);
            case HELP:
                return new HelpCommand(tools);
            default:
                return new PassThroughCommand(this, tools);
        }
    }

    public String command() {
        return command;
    }

    String synopsis() {
        return synopsis;
    }

    String summary() {
        return summary;
    }

    boolean availableOn(Dialect dialect) {
        return owner == Owner.AGENT || dialect.subcommand(command).isPresent();
    }

    /** "Litestream 0.3 only", "Litestream 0.5 and later", or empty when every version has it. */
    String availability() {
        return owner == Owner.AGENT ? "" : Dialect.versionsWith(new AvailableOn(this));
    }

    /** {@link #availableOn} of one command; a class, not {@code this::availableOn}: help lists every command, cold. */
    private static final class AvailableOn implements Predicate<Dialect> {
        private final CommandSpec spec;

        AvailableOn(CommandSpec spec) {
            this.spec = spec;
        }

        @Override
        public boolean test(Dialect dialect) {
            return spec.availableOn(dialect);
        }
    }

    /** The Litestream subcommand to run (the dialect may name another: {@code wal} is {@code ltx} on 0.5). */
    String litestreamCommand(Dialect dialect) {
        return dialect.subcommand(command).orElse(command);
    }

    /** The positional argument of one of Litestream's commands: none, or a database (alias, path or replica URL). */
    Positional positional() {
        return positional;
    }

    /** Whether the flags are Litestream's own, passed through (its help describes them). */
    boolean passesFlags() {
        return owner == Owner.LITESTREAM && this != VERSION;
    }

    /** Litestream's commands exist per version; the agent's own exist with every version. */
    private enum Owner { AGENT, LITESTREAM }

    /**
     * The databases a Litestream command names besides its flags: none, and then it acts on no
     * database or on every configured one; at most one (none: every configured one); exactly one.
     */
    enum Positional {
        NONE, EVERY_DATABASE, OPTIONAL_DATABASE, DATABASE;

        /** Whether a configuration without databases leaves the command nothing to do. */
        boolean needsConfiguredDatabases() {
            return this == EVERY_DATABASE || this == OPTIONAL_DATABASE;
        }

        int least() {
            return this == DATABASE ? 1 : 0;
        }

        int most() {
            return this == NONE || this == EVERY_DATABASE ? 0 : 1;
        }
    }
}
