package dev.litestreamagent.fs;

import java.io.IOException;

/** A directory the agent would keep files in that another user could write, or that is a link. */
public final class UnsafeDirectoryException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafeDirectoryException(String message) {
        super(message);
    }
}
