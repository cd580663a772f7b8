package dev.litestreamagent.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens SQLite databases for verify, through java.sql interfaces only. */
interface SqliteConnector {
    /** A connection with a busy timeout set: Litestream holds locks on the live database. */
    Connection open(Path database) throws SQLException;
}
