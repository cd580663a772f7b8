package dev.litestreamagent.cli.command;

import dev.litestreamagent.dialect.Dialect;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every command of the CLI, the one table: its synopsis, one line of help, whether it is
 * Litestream's (then the installed version's dialect says whether it exists) or the agent's own
 * (always there), and the class that runs it. Help and dispatch both read it.
 */
public enum CommandSpec {
    CONFIG("config", "", "print the YAML handed to Litestream (secrets as $VAR references)", Owner.AGENT,
            (spec, tools) -> new ConfigCommand(tools)),
    DATABASES("databases", "[flags]", "list the configured databases and their replicas", Owner.LITESTREAM,
            PassThroughCommand::new),
    GENERATIONS("generations", "[flags] DB|REPLICA_URL", "list the generations of a database's replicas",
            Owner.LITESTREAM, PassThroughCommand::new),
    SNAPSHOTS("snapshots", "[flags] DB|REPLICA_URL", "list the snapshots of a database's replicas", Owner.LITESTREAM,
            PassThroughCommand::new),
    WAL("wal", "[flags] DB|REPLICA_URL", "list WAL files (on 0.5: LTX files, the same as ltx)", Owner.LITESTREAM,
            PassThroughCommand::new),
    LTX("ltx", "[flags] DB|REPLICA_URL", "list the LTX files of a database's replica", Owner.LITESTREAM,
            PassThroughCommand::new),
    RESTORE("restore", "[flags] DB|REPLICA_URL", "restore a database from its replica (-o PATH to put it elsewhere)",
            Owner.LITESTREAM, (spec, tools) -> new RestoreCommand(tools)),
    REPLICATE("replicate", "[-exec \"CMD\"] [flags]",
            "replicate every configured database (0.5: MCP server too when litestream.mcp-addr is set)",
            Owner.LITESTREAM, (spec, tools) -> new ReplicateCommand(tools)),
    VERIFY("verify", "[--json] DB... | [--json] --all",
            "prove the backup is current: write a row, restore until it appears, check integrity", Owner.AGENT,
            (spec, tools) -> new VerifyCommand(tools)),
    VERSION("version", "", "print the installed Litestream's version (--version: the agent's too)",
            Owner.LITESTREAM, PassThroughCommand::new),
    INSTALL("install", "[--dir DIR]",
            "download the pinned Litestream for this machine (sha256-checked) into the agent's cache or DIR;"
                    + " prints the litestream.bin-path line", Owner.AGENT, (spec, tools) -> new InstallCommand(tools)),
    ATTACH("attach", "PID [CONFIG.properties] [key=value ...]",
            "load the agent into a running JVM of this user: replication starts without a restart", Owner.AGENT,
            (spec, tools) -> new AttachCommand(tools)),
    HELP("help", "[COMMAND]", "list the commands, or describe one", Owner.AGENT, (spec, tools) -> new HelpCommand(tools));

    private final String command;
    private final String synopsis;
    private final String summary;
    private final Owner owner;
    private final Factory factory;

    CommandSpec(String command, String synopsis, String summary, Owner owner, Factory factory) {
        this.command = command;
        this.synopsis = synopsis;
        this.summary = summary;
        this.owner = owner;
        this.factory = factory;
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
        return named(name).orElseThrow(() -> new UsageException(prefix + "unknown command \"" + name
                + "\"; expected one of: " + Arrays.stream(values()).map(CommandSpec::command)
                .collect(Collectors.joining(", ")) + ", --version"));
    }

    /** The command, ready to run with {@code tools}. */
    public Command create(Tools tools) {
        return factory.create(this, tools);
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
        return owner == Owner.AGENT ? "" : Dialect.versionsWith(this::availableOn);
    }

    /** The Litestream subcommand to run (the dialect may name another: {@code wal} is {@code ltx} on 0.5). */
    String litestreamCommand(Dialect dialect) {
        return dialect.subcommand(command).orElse(command);
    }

    /** Whether the command's positional argument names a database (alias, path or replica URL). */
    boolean takesDatabase() {
        return this == GENERATIONS || this == SNAPSHOTS || this == WAL || this == LTX || this == RESTORE;
    }

    /** Litestream's commands exist per version; the agent's own exist with every version. */
    private enum Owner { AGENT, LITESTREAM }

    /** Makes the command of an entry; the entry is given so that one class can run several similar commands. */
    private interface Factory {
        Command create(CommandSpec spec, Tools tools);
    }
}
