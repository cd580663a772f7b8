package dev.litestreamagent.verify;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * verify's row: a token written into the live database and looked for in a restored copy. The
 * live database must be written through the SQLite library of the process that writes it anyway:
 * two SQLite libraries in one process corrupt a database (POSIX locks are per process, and one
 * library's close drops the other's), so inside an application this is the application's own.
 */
public interface SentinelStore {

    /**
     * Commits a row holding {@code token}, taking the write lock up front and waiting at most
     * {@code lockWait} for it (the application may be writing).
     */
    void write(Path database, String token, Duration lockWait) throws SQLException;

    /**
     * Reads a restored copy: empty while {@code token} is not in it, else the first line of
     * {@code PRAGMA integrity_check} on the copy ({@code ok} when it is sound).
     */
    Optional<String> check(Path copy, String token) throws SQLException;

    /** Deletes the row holding {@code token} and no other: a concurrent verify's row stays. */
    void delete(Path database, String token, Duration lockWait) throws SQLException;
}
