package dev.litestreamagent.cli.command;

/** A command line the CLI cannot run as given: exit code 2, the message and no stack trace. */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
