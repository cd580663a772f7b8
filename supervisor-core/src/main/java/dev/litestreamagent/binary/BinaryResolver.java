package dev.litestreamagent.binary;

import dev.litestreamagent.fs.OwnedDirectory;
import dev.litestreamagent.settings.Keys;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Litestream binary to run, in this order:
 * <ol>
 * <li>{@code litestream.bin-path}, when set (then nothing else is tried);</li>
 * <li>a download the agent cached earlier for the configured version and this platform;</li>
 * <li>{@code litestream} on PATH;</li>
 * <li>a download of the configured version, verified by sha256 and installed into the cache.</li>
 * </ol>
 * The first three steps touch only the local file system, so the usual case costs a few stat calls.
 * See docs/binary.md for why this order.
 */
public final class BinaryResolver {
    static final String CACHE_PURPOSE = "The Litestream download cache";
    static final String CACHE_ADVICE = "Set " + Keys.CACHE_DIR + " to a directory only this user can write, or "
            + Keys.BIN_PATH + " to an installed Litestream.";

    private final BinarySettings settings;
    private final String pathVariable;
    private final Optional<Platform> platform;
    private final String platformProblem;

    public BinaryResolver(BinarySettings settings) {
        this(settings, System.getenv("PATH"),
                Platform.detect(System.getProperty("os.name", ""), System.getProperty("os.arch", "")).orElse(null),
                Platform.unsupported(System.getProperty("os.name"), System.getProperty("os.arch")));
    }

    /**
     * For tests and embedding: an explicit PATH value and platform.
     *
     * @param pathVariable PATH as the OS gives it (entries separated by {@link File#pathSeparator}); null = empty
     * @param platform this machine; null when unsupported, then only bin-path and PATH can succeed
     */
    public BinaryResolver(BinarySettings settings, String pathVariable, Platform platform) {
        this(settings, pathVariable, platform, "unsupported platform");
    }

    private BinaryResolver(BinarySettings settings, String pathVariable, Platform platform, String platformProblem) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pathVariable = pathVariable == null ? "" : pathVariable;
        this.platform = Optional.ofNullable(platform);
        this.platformProblem = platformProblem;
    }

    public ResolvedBinary resolve() throws BinaryException {
        if (settings.binPath() != null) {
            Path binPath = settings.binPath().toAbsolutePath();
            BinaryCheck.verify(binPath, Keys.BIN_PATH.name(), platform);
            return new ResolvedBinary(binPath, ResolvedBinary.ORIGIN_BIN_PATH);
        }
        Optional<Path> cached = cachedBinary();
        if (cached.isPresent()) {
            return new ResolvedBinary(cached.get(), ResolvedBinary.ORIGIN_CACHE);
        }
        Optional<Path> onPath = onPath();
        if (onPath.isPresent()) {
            BinaryCheck.verify(onPath.get(), "PATH", platform);
            return new ResolvedBinary(onPath.get(), ResolvedBinary.ORIGIN_PATH);
        }
        if (!settings.downloadEnabled()) {
            throw new BinaryException("Litestream not found: " + Keys.BIN_PATH + " is not set, "
                    + "there is no litestream on PATH" + (settings.pathLookup() ? "" : " (PATH lookup is off)")
                    + " and downloading is off (" + Keys.DOWNLOAD_ENABLED + "=false). Install Litestream "
                    + "(https://litestream.io/install/) and put it on PATH or set " + Keys.BIN_PATH
                    + "=/path/to/litestream, or set " + Keys.DOWNLOAD_ENABLED + "=true.");
        }
        if (platform.isEmpty()) {
            throw new BinaryException("Litestream not found on PATH and cannot be downloaded: " + platformProblem);
        }
        ReleaseAsset asset = new ReleaseAsset(settings.version(), platform.get());
        Path installed = new CacheInstaller(settings, new HttpDownloader(settings.downloadDeadline()))
                .install(asset, platform.get());
        return new ResolvedBinary(installed, ResolvedBinary.ORIGIN_DOWNLOAD);
    }

    /**
     * {@link CacheInstaller} writes only complete, verified binaries, so existence is enough, in a cache
     * this user exclusively owns (every folder from the cache root down and the file: ours, writable by
     * nobody else, no link). Anything else could hold a binary another user planted: refused, not run.
     */
    private Optional<Path> cachedBinary() throws BinaryException {
        if (platform.isEmpty() || settings.cacheDirectory().isEmpty()) {
            return Optional.empty();
        }
        Path cache = settings.cacheDirectory().get();
        Path cached = CacheInstaller.binaryPath(cache, settings.version(), platform.get());
        if (!Files.exists(cached, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            OwnedDirectory.verifyChain(cache, cached, CACHE_PURPOSE);
        } catch (IOException e) {
            throw new BinaryException(e.getMessage() + " " + CACHE_ADVICE, e);
        }
        return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
    }

    /** Like a shell: the first executable {@code litestream} file; empty and relative entries are skipped. */
    private Optional<Path> onPath() {
        if (!settings.pathLookup()) {
            return Optional.empty();
        }
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isEmpty() || !Paths.get(entry).isAbsolute()) {
                continue;
            }
            Path candidate = Paths.get(entry, ArchiveExtractor.BINARY_NAME);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
