package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The {@code litestream replicate} the supervisor launches, and how (output, environment, session). */
final class ReplicateCommand {
    private ReplicateCommand() {
    }

    static List<String> of(SupervisorSettings settings) {
        return Collections.unmodifiableList(Arrays.asList(
                settings.binary().toAbsolutePath().toString(), "replicate",
                "-config", settings.configFile().toAbsolutePath().toString(),
                // Litestream ends (after a final sync) when this exits, i.e. when the JVM dies, even by SIGKILL.
                "-exec", "tail --pid=" + settings.parentPid() + " -f /dev/null"));
    }

    /**
     * Output appended to {@code log}, never a pipe (a JVM killed by SIGKILL would leave Litestream
     * writing into a dead one), and a session of its own: Ctrl-C in a terminal, {@code kill -TERM
     * -<pgid>} and the like reach the JVM only, so Litestream stops when the agent says, after the
     * application's shutdown; with its -exec tail hit by the same signal, Litestream 0.3.13 exits 1
     * without a final sync.
     */
    static ProcessSpec spec(List<String> command, SupervisorSettings settings, Path log) {
        return ProcessSpec.of(command, Output.appendTo(log)).withEnvironment(settings.environment())
                .withNewSession(true);
    }
}
