package dev.litestreamagent.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code restore [flags] DB|REPLICA_URL}: Litestream's restore with the database argument resolved;
 * its output is only log lines (0.3 writes them on stdout), sent to stderr so that stdout stays for
 * results, and the temporary files 0.3 leaves beside the output are removed.
 */
final class RestoreCommand implements Command {
    private final Tools tools;

    RestoreCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) throws IOException, InterruptedException {
        CliContext context = tools.context(CommandSpec.RESTORE);
        LitestreamCommandLine line = LitestreamCommandLine.of(CommandSpec.RESTORE, context, args);
        int exit = tools.runner(context).run(line.subcommand(), line.args(), line.withConfig(), true);
        removeLeftovers(line);
        return exit;
    }

    /** Litestream 0.3 leaves {@code <output>.tmp-shm} and {@code <output>.tmp-wal} beside a restored file. */
    private static void removeLeftovers(LitestreamCommandLine line) throws IOException {
        List<String> args = line.args();
        String output = line.database();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-o") || arg.equals("--o")) && i + 1 < args.size()) {
                output = args.get(i + 1);
            } else if (arg.startsWith("-o=") || arg.startsWith("--o=")) {
                output = arg.substring(arg.indexOf('=') + 1);
            }
        }
        if (output == null || DatabaseArgument.isReplicaUrl(output)) {
            return;
        }
        Files.deleteIfExists(Paths.get(output + ".tmp-shm"));
        Files.deleteIfExists(Paths.get(output + ".tmp-wal"));
    }
}
