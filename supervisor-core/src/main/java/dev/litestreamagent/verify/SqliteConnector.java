package dev.litestreamagent.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens SQLite databases through java.sql interfaces only, so the SQLite library is the caller's
 * choice: the CLI's isolated sqlite-jdbc, or inside an application that application's own driver.
 */
public interface SqliteConnector {
    Connection open(Path database) throws SQLException;
}
