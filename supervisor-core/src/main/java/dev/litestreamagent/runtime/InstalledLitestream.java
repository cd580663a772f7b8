package dev.litestreamagent.runtime;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.binary.BinaryResolver;
import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.binary.ResolvedBinary;
import dev.litestreamagent.binary.VersionDetector;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigProblem;
import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.settings.Keys;
import java.util.Collections;

/**
 * A configuration with the Litestream binary it runs and that binary's version, before any config
 * is rendered: all that the CLI's help and {@code --version} need (rendering loads the YAML
 * library, the larger part of a short command's time). Immutable.
 */
public final class InstalledLitestream {
    private final AgentConfig config;
    private final ResolvedBinary binary;
    private final LitestreamVersion version;
    private final String versionOutput;

    private InstalledLitestream(AgentConfig config, ResolvedBinary binary, LitestreamVersion version, String versionOutput) {
        this.config = config;
        this.binary = binary;
        this.version = version;
        this.versionOutput = versionOutput;
    }

    /**
     * Finds the binary (see docs/binary.md) and asks its version (kept in the cache directory); a stated
     * {@code litestream.version} of the other dialect is an error, never a silent no-op.
     */
    public static InstalledLitestream find(AgentConfig config) throws BinaryException, ConfigException {
        BinarySettings settings = LitestreamSetup.binarySettings(config).build();
        ResolvedBinary binary = new BinaryResolver(settings).resolve();
        VersionDetector detector = VersionDetector.remembering(settings.cacheDirectory());
        LitestreamVersion detected = detector.versionOf(binary.path());
        LitestreamVersion stated = config.statedVersion().orElse(detected);
        if (!Dialect.of(stated).sameAs(Dialect.of(detected))) {
            // The other dialect is silently ignored: 0.3 with a 0.5 config replicates nothing at all.
            throw new ConfigException(Collections.singletonList(new ConfigProblem(Keys.VERSION.name(), stated.toString(),
                    "the version of the installed binary, " + detected + " (" + binary.path() + "), or no setting")));
        }
        return new InstalledLitestream(config, binary, detected, detector.versionOutput(binary.path()));
    }

    public AgentConfig config() {
        return config;
    }

    public ResolvedBinary binary() {
        return binary;
    }

    public LitestreamVersion version() {
        return version;
    }

    /** What {@code litestream version} printed for this binary (asked once, then kept with the version). */
    public String versionOutput() {
        return versionOutput;
    }
}
