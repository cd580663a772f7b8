package dev.litestreamagent.binary;

/** Litestream could not be found, fetched or run; the message says what failed and how to fix it. */
public final class BinaryException extends Exception {
    private static final long serialVersionUID = 1L;

    public BinaryException(String message) {
        super(message);
    }

    public BinaryException(String message, Throwable cause) {
        super(message, cause);
    }
}
