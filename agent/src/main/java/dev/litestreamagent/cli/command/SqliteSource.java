package dev.litestreamagent.cli.command;

import dev.litestreamagent.verify.SqliteConnector;
import java.io.IOException;

/** Where verify's SQLite comes from: loaded only when verify runs. */
public interface SqliteSource {
    SqliteConnector get() throws IOException;
}
