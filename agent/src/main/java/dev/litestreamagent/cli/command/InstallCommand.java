package dev.litestreamagent.cli.command;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.binary.BinaryResolver;
import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.binary.ResolvedBinary;
import dev.litestreamagent.binary.VersionDetector;
import dev.litestreamagent.settings.Keys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code install [--dir DIR]}: the agent's own download route (docs/binary.md), run on request:
 * the configured Litestream release for this machine, sha256-checked against the pins, into the
 * agent's cache (where the agent finds it by itself) or {@code DIR}. Prints the
 * {@code litestream.bin-path} line that names it, last, so scripts can take it.
 */
final class InstallCommand implements Command {
    private final Tools tools;

    InstallCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) throws BinaryException {
        Path dir = directory(args);
        BinarySettings.Builder builder = tools.installSettings().binarySettings();
        PrintStream out = tools.out();
        if (dir != null) {
            builder.cacheDirectory(dir.toAbsolutePath().normalize());
        }
        // Neither bin-path nor PATH: install means the pinned release in the cache, whatever else is around.
        BinarySettings install = builder.binPath(null).pathLookup(false).build();
        if (!install.downloadEnabled()) {
            throw new IllegalStateException("install: downloading is off (" + Keys.DOWNLOAD_ENABLED + "=false); install"
                    + " Litestream yourself and set " + Keys.BIN_PATH + ", or unset " + Keys.DOWNLOAD_ENABLED);
        }
        ResolvedBinary binary = new BinaryResolver(install).resolve();
        String how = binary.origin().equals(ResolvedBinary.ORIGIN_DOWNLOAD)
                ? "downloaded from " + install.downloadBaseUrl() + ", sha256 checked" : "already installed";
        out.println("Litestream " + new VersionDetector().versionOf(binary.path()) + ": " + binary.path() + " (" + how + ")");
        out.println(dir == null ? "The agent finds it there by itself; to name it, put this line in litestream.properties:"
                : "Put this line in litestream.properties:");
        out.println(Keys.BIN_PATH + "=" + binary.path());
        out.flush();
        return OK;
    }

    private static Path directory(List<String> args) {
        if (args.isEmpty()) {
            return null;
        }
        if (args.size() == 2 && args.get(0).equals("--dir")) {
            return Paths.get(args.get(1));
        }
        if (args.size() == 1 && args.get(0).startsWith("--dir=") && args.get(0).length() > 6) {
            return Paths.get(args.get(0).substring(6));
        }
        throw new UsageException("install: expected no arguments or --dir DIR; seen \"" + String.join(" ", args) + "\"");
    }
}
