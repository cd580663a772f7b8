package dev.litestreamagent.cli.command;

import dev.litestreamagent.binary.BinaryException;
import java.io.IOException;
import java.util.List;

/**
 * One command of the CLI, made by its {@link CommandSpec} entry. Problems arrive as exceptions that
 * the CLI turns into a message and an exit code: {@link UsageException} and other
 * {@link IllegalArgumentException}s exit 2, {@link IllegalStateException}, {@link IOException} and
 * {@link BinaryException} exit 1.
 */
public interface Command {
    /** Exit code of a command that did what was asked. */
    int OK = 0;
    /** Exit code of a command that ran and failed (a replica not in sync, a download that failed). */
    int FAILURE = 1;
    /** Exit code of a command line or configuration that cannot be run as given. */
    int USAGE = 2;

    /** Runs with the arguments after the command's name and returns the exit code. */
    int run(List<String> args) throws IOException, InterruptedException, BinaryException;
}
