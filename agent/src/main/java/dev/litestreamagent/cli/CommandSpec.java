package dev.litestreamagent.cli;

import dev.litestreamagent.dialect.Dialect;
import java.util.Optional;

/**
 * Every command of the CLI: its synopsis, one line of help, and whether it is Litestream's (then the
 * installed version's dialect says whether it exists) or the agent's own (always there).
 */
enum CommandSpec {
    CONFIG("config", "", "print the YAML handed to Litestream (secrets as $VAR references)", Owner.AGENT),
    DATABASES("databases", "[flags]", "list the configured databases and their replicas", Owner.LITESTREAM),
    GENERATIONS("generations", "[flags] DB|REPLICA_URL", "list the generations of a database's replicas",
            Owner.LITESTREAM),
    SNAPSHOTS("snapshots", "[flags] DB|REPLICA_URL", "list the snapshots of a database's replicas", Owner.LITESTREAM),
    WAL("wal", "[flags] DB|REPLICA_URL", "list WAL files (on 0.5: LTX files, the same as ltx)", Owner.LITESTREAM),
    LTX("ltx", "[flags] DB|REPLICA_URL", "list the LTX files of a database's replica", Owner.LITESTREAM),
    RESTORE("restore", "[flags] DB|REPLICA_URL", "restore a database from its replica (-o PATH to put it elsewhere)",
            Owner.LITESTREAM),
    REPLICATE("replicate", "[-exec \"CMD\"] [flags]",
            "replicate every configured database (0.5: MCP server too when litestream.mcp-addr is set)",
            Owner.LITESTREAM),
    VERIFY("verify", "[--json] DB... | [--json] --all",
            "prove the backup is current: write a row, restore until it appears, check integrity", Owner.AGENT),
    VERSION("version", "", "print the installed Litestream's version (--version: the agent's too)",
            Owner.LITESTREAM),
    INSTALL("install", "[--dir DIR]",
            "download the pinned Litestream for this machine (sha256-checked) into the agent's cache or DIR;"
                    + " prints the litestream.bin-path line", Owner.AGENT),
    ATTACH("attach", "PID [CONFIG.properties] [key=value ...]",
            "load the agent into a running JVM of this user: replication starts without a restart", Owner.AGENT),
    HELP("help", "[COMMAND]", "list the commands, or describe one", Owner.AGENT);

    private final String command;
    private final String synopsis;
    private final String summary;
    private final Owner owner;

    CommandSpec(String command, String synopsis, String summary, Owner owner) {
        this.command = command;
        this.synopsis = synopsis;
        this.summary = summary;
        this.owner = owner;
    }

    static Optional<CommandSpec> named(String name) {
        for (CommandSpec spec : values()) {
            if (spec.command.equals(name)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    String command() {
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
}
