package dev.litestreamagent.supervisor.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Launches real processes with {@link ProcessBuilder}; output goes to a file, never to a pipe. */
public final class SystemProcessLauncher implements ProcessLauncher {
    private static final File DEV_NULL = new File("/dev/null");

    @Override
    public ChildProcess launch(List<String> command, Map<String, String> extraEnvironment, Path output)
            throws IOException {
        // A pipe read only by this JVM would kill Litestream with SIGPIPE (and no final sync) when
        // the JVM dies; a file it appends to survives the JVM.
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(extraEnvironment);
        return new SystemChildProcess(builder.start());
    }
}
