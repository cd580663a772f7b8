package dev.litestreamagent.cli;

import dev.litestreamagent.config.LitestreamVersion;
import java.util.Optional;

/** Every command of the CLI: its synopsis, one line of help, and the Litestream versions that have it. */
enum CommandSpec {
    CONFIG("config", "", "print the YAML handed to Litestream (secrets as $VAR references)", Range.ALL),
    DATABASES("databases", "[flags]", "list the configured databases and their replicas", Range.ALL),
    GENERATIONS("generations", "[flags] DB|REPLICA_URL", "list the generations of a database's replicas", Range.V03),
    SNAPSHOTS("snapshots", "[flags] DB|REPLICA_URL", "list the snapshots of a database's replicas", Range.V03),
    WAL("wal", "[flags] DB|REPLICA_URL", "list WAL files (on 0.5: LTX files, the same as ltx)", Range.ALL),
    LTX("ltx", "[flags] DB|REPLICA_URL", "list the LTX files of a database's replica", Range.V05),
    RESTORE("restore", "[flags] DB|REPLICA_URL", "restore a database from its replica (-o PATH to put it elsewhere)",
            Range.ALL),
    REPLICATE("replicate", "[-exec \"CMD\"] [flags]",
            "replicate every configured database (0.5: MCP server too when litestream.mcp-addr is set)", Range.ALL),
    VERIFY("verify", "[--json] DB... | [--json] --all",
            "prove the backup is current: write a row, restore until it appears, check integrity", Range.ALL),
    VERSION("version", "", "print the installed Litestream's version", Range.ALL),
    ATTACH("attach", "PID [CONFIG.properties] [key=value ...]",
            "load the agent into a running JVM of this user: replication starts without a restart", Range.ALL),
    HELP("help", "[COMMAND]", "list the commands, or describe one", Range.ALL);

    private final String command;
    private final String synopsis;
    private final String summary;
    private final Range range;

    CommandSpec(String command, String synopsis, String summary, Range range) {
        this.command = command;
        this.synopsis = synopsis;
        this.summary = summary;
        this.range = range;
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

    boolean availableOn(LitestreamVersion version) {
        return range == Range.ALL || (range == Range.V05) == version.isV05OrLater();
    }

    /** "0.3 only", "0.5 and later" or empty. */
    String availability() {
        return range == Range.V03 ? "Litestream 0.3 only" : range == Range.V05 ? "Litestream 0.5 and later" : "";
    }

    /** The Litestream subcommand to run: {@code wal} is a deprecated alias of {@code ltx} on 0.5. */
    String litestreamCommand(LitestreamVersion version) {
        return this == WAL && version.isV05OrLater() ? LTX.command : command;
    }

    /** Whether the command's positional argument names a database (alias, path or replica URL). */
    boolean takesDatabase() {
        return this == GENERATIONS || this == SNAPSHOTS || this == WAL || this == LTX || this == RESTORE;
    }

    private enum Range { ALL, V03, V05 }
}
