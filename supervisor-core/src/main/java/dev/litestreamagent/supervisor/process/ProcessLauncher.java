package dev.litestreamagent.supervisor.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts a child process; an interface so the supervisor's restart logic is tested with fake children. */
public interface ProcessLauncher {
    /**
     * Starts {@code command} with this process's environment plus {@code extraEnvironment}, stdin
     * from /dev/null, and stdout and stderr appended to {@code output}.
     */
    ChildProcess launch(List<String> command, Map<String, String> extraEnvironment, Path output) throws IOException;
}
