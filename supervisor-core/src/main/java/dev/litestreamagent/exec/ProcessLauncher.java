package dev.litestreamagent.exec;

import java.io.IOException;

/**
 * Starts a child process: the one seam between the code that runs processes and the processes,
 * so that restart, stop and command-line logic are tested with fake children.
 */
public interface ProcessLauncher {
    ChildProcess launch(ProcessSpec spec) throws IOException;
}
