package dev.litestreamagent.cli;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.supervisor.Clock;
import java.nio.file.Paths;
import java.util.Arrays;

/** {@code TestCliMain <context.properties> <command> [args...]}: the real CLI over a {@link FileCliContext}. */
public final class TestCliMain {
    private TestCliMain() {
    }

    public static void main(String[] args) throws Exception {
        CliContext context = new FileCliContext(Paths.get(args[0]));
        System.exit(new Cli(() -> context, new SystemProcessLauncher(), Clock.SYSTEM, IsolatedSqlite::shared, System.out, System.err)
                .run(Arrays.copyOfRange(args, 1, args.length)));
    }
}
