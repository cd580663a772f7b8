package dev.litestreamagent.sqlite;

/** Where SQLite places its POSIX locks (os_unix.c and wal.c). */
public final class LockBytes {
    /** Database file: the first byte of the SHARED range; every connection of a WAL database holds it while open. */
    public static final long SHARED_FIRST = 0x40000000L + 2;
    /** {@code -shm} file: the WAL write lock, held by the connection writing a transaction. */
    public static final long WAL_WRITE_LOCK = 120;
    /** {@code -shm} file: the five read marks; a read transaction holds one of them for as long as it lasts. */
    public static final long WAL_FIRST_READ_MARK = 123;
    public static final long WAL_LAST_READ_MARK = 127;

    private LockBytes() {
    }
}
