package dev.litestreamagent.cli;

import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.InstallSettings;
import dev.litestreamagent.cli.command.SqliteSource;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.verify.SqliteConnector;
import java.io.IOException;

/**
 * What {@code java -jar} commands read from this JVM: its configuration, its binary settings for
 * {@code install}, and verify's isolated SQLite. A class rather than method references: the first
 * lambda of a JVM starts the lambda machinery, a cost every short command would pay for nothing.
 */
final class JvmSources implements CliContext.Loader, InstallSettings, SqliteSource {
    @Override
    public CliContext load() {
        return ConfigCliContext.load();
    }

    @Override
    public CliContext loadWithoutBinary() {
        return ConfigCliContext.loadWithoutBinary(ConfigInput.fromRuntime(null));
    }

    @Override
    public BinarySettings.Builder binarySettings() {
        return ConfigCliContext.installSettings();
    }

    @Override
    public SqliteConnector get() throws IOException {
        return IsolatedSqlite.shared();
    }
}
