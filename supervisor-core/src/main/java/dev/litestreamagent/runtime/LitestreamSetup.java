package dev.litestreamagent.runtime;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.binary.ResolvedBinary;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.config.LitestreamYaml;
import dev.litestreamagent.config.RenderedConfig;
import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.supervisor.LaunchPlan;
import dev.litestreamagent.supervisor.SupervisorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent's configuration joined with the installed Litestream: the binary, its version and
 * the config rendered for that version. Shared by the agent and the CLI.
 */
public final class LitestreamSetup {
    private final InstalledLitestream installed;
    private final RenderedConfig rendered;

    private LitestreamSetup(InstalledLitestream installed, RenderedConfig rendered) {
        this.installed = installed;
        this.rendered = rendered;
    }

    /** Finds the binary and its version ({@link InstalledLitestream#find}) and renders the config for it. */
    public static LitestreamSetup prepare(AgentConfig config) throws BinaryException, ConfigException {
        return prepare(InstalledLitestream.find(config));
    }

    /** Renders the config for the binary already found. */
    public static LitestreamSetup prepare(InstalledLitestream installed) throws ConfigException {
        return new LitestreamSetup(installed, LitestreamYaml.render(installed.config(), installed.version()));
    }

    /**
     * The configuration's binary settings, to build as they are or changed (the CLI's install). When main()
     * waits for a restore on start, the download is bounded by litestream.restore-timeout as well.
     */
    public static BinarySettings.Builder binarySettings(AgentConfig config) {
        Duration deadline = BinarySettings.DEFAULT_DOWNLOAD_DEADLINE;
        if (!RestoreCandidates.of(config).isEmpty() && config.restoreTimeout().compareTo(deadline) < 0) {
            deadline = config.restoreTimeout();
        }
        BinarySettings.Builder settings = BinarySettings.builder()
                .downloadDeadline(deadline)
                .binPath(config.binPath().orElse(null))
                .version(config.statedVersion().orElse(null))
                .downloadEnabled(config.downloadEnabled())
                .downloadBaseUrl(config.downloadBaseUrl())
                .sha256(config.downloadSha256().orElse(null));
        if (config.cacheDirectory().isPresent()) {
            settings.cacheDirectory(config.cacheDirectory().get());
        }
        return settings;
    }

    public AgentConfig config() {
        return installed.config();
    }

    public ResolvedBinary binary() {
        return installed.binary();
    }

    public LitestreamVersion version() {
        return installed.version();
    }

    /** What the installed version speaks: its commands, flags and log messages. */
    public Dialect dialect() {
        return Dialect.of(version());
    }

    public RenderedConfig rendered() {
        return rendered;
    }

    public List<Path> databasePaths() {
        return config().databases().stream().map(DatabaseConfig::path).collect(Collectors.toList());
    }

    /** How the supervisor runs {@code litestream replicate} with {@code configFile}. */
    public SupervisorSettings supervisorSettings(Path configFile) {
        return supervisorSettings(configFile, LaunchPlan.fixed(databasePaths()));
    }

    /** The same, with {@code plan} deciding which databases each launch replicates. */
    public SupervisorSettings supervisorSettings(Path configFile, LaunchPlan plan) {
        return SupervisorSettings.builder()
                .binary(binary().path())
                .configFile(configFile)
                .environment(rendered.environment())
                .outputMask(rendered.outputMask())
                .databases(databasePaths())
                .restartPolicy(config().restart())
                .resyncPolicy(dialect().resyncPolicy(config().resync()))
                .logMarkers(dialect().logMarkers())
                .stopTimeout(config().stopTimeout())
                .name("litestream")
                .launchPlan(plan)
                .build();
    }
}
