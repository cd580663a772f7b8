package dev.litestreamagent.binary;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.fs.CacheDirectory;
import dev.litestreamagent.settings.Keys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to find or fetch Litestream; immutable, built with {@link #builder()}. Values are checked by the
 * rules of their keys in {@link Keys}, the same the configuration loader applies, and default to theirs.
 */
public final class BinarySettings {
    /** The version downloaded when none is configured. */
    public static final LitestreamVersion DEFAULT_VERSION = LitestreamVersion.V0_3_13;
    /** How long a download (and the wait for another process's download) may take in all, by default. */
    public static final Duration DEFAULT_DOWNLOAD_DEADLINE = Duration.ofMinutes(5);

    private final Path binPath;
    private final LitestreamVersion version;
    private final Path cacheDirectory;
    private final String downloadBaseUrl;
    private final boolean downloadEnabled;
    private final String sha256;
    private final boolean pathLookup;
    private final Duration downloadDeadline;

    private BinarySettings(Builder b) {
        this.binPath = b.binPath;
        this.version = b.version == null ? DEFAULT_VERSION : b.version;
        this.cacheDirectory = b.cacheDirectory == null ? CacheDirectory.defaultHere().orElse(null) : b.cacheDirectory;
        this.downloadBaseUrl = b.downloadBaseUrl;
        this.downloadEnabled = b.downloadEnabled;
        this.sha256 = b.sha256;
        this.pathLookup = b.pathLookup;
        this.downloadDeadline = b.downloadDeadline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code litestream.bin-path}; null when unset. */
    public Path binPath() {
        return binPath;
    }

    /** The version to download ({@code litestream.version}); {@link #DEFAULT_VERSION} when unset. */
    public LitestreamVersion version() {
        return version;
    }

    /** {@code litestream.cache-dir}, else the default ({@link CacheDirectory}); empty when there is none. */
    public Optional<Path> cacheDirectory() {
        return Optional.ofNullable(cacheDirectory);
    }

    /** Without a trailing slash; assets are at {@code <base>/v<version>/<asset>}. */
    public String downloadBaseUrl() {
        return downloadBaseUrl;
    }

    public boolean downloadEnabled() {
        return downloadEnabled;
    }

    /** The user's own pin for the asset to download (lower-case hex); null when unset. */
    public String sha256() {
        return sha256;
    }

    /** Whether {@code litestream} on PATH is considered. */
    public boolean pathLookup() {
        return pathLookup;
    }

    /** The whole install, waiting for another process's install included, must end within this. */
    public Duration downloadDeadline() {
        return downloadDeadline;
    }

    @Override
    public String toString() {
        return "BinarySettings[" + Keys.BIN_PATH + "=" + binPath + ", " + Keys.VERSION + "=" + version
                + ", " + Keys.CACHE_DIR + "=" + cacheDirectory + ", " + Keys.DOWNLOAD_BASE_URL + "=" + downloadBaseUrl
                + ", " + Keys.DOWNLOAD_ENABLED + "=" + downloadEnabled + ", " + Keys.DOWNLOAD_SHA256 + "=" + sha256
                + ", pathLookup=" + pathLookup + ", downloadDeadline=" + downloadDeadline + "]";
    }

    /** Checks each value as it is set: bad values fail with the key, the value and what is expected. */
    public static final class Builder {
        private Path binPath;
        private LitestreamVersion version;
        private Path cacheDirectory;
        private String downloadBaseUrl = Keys.DOWNLOAD_BASE_URL.defaultValue();
        private boolean downloadEnabled = Keys.DOWNLOAD_ENABLED.defaultValue();
        private String sha256;
        private boolean pathLookup = true;
        private Duration downloadDeadline = DEFAULT_DOWNLOAD_DEADLINE;

        private Builder() {
        }

        public Builder binPath(Path binPath) {
            this.binPath = binPath;
            return this;
        }

        /** Null means {@link #DEFAULT_VERSION}. */
        public Builder version(LitestreamVersion version) {
            this.version = version;
            return this;
        }

        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** @throws IllegalArgumentException when the value breaks the rule of {@code litestream.download.base-url} */
        public Builder downloadBaseUrl(String url) {
            this.downloadBaseUrl = Keys.DOWNLOAD_BASE_URL.parse(url);
            return this;
        }

        public Builder downloadEnabled(boolean downloadEnabled) {
            this.downloadEnabled = downloadEnabled;
            return this;
        }

        /** Null clears it; otherwise 64 hex digits (either case). */
        public Builder sha256(String sha256) {
            if (sha256 == null || sha256.trim().isEmpty()) {
                this.sha256 = null;
                return this;
            }
            this.sha256 = Keys.DOWNLOAD_SHA256.parse(sha256);
            return this;
        }

        public Builder pathLookup(boolean pathLookup) {
            this.pathLookup = pathLookup;
            return this;
        }

        /** Above zero; a start that waits for the download (restore on start) passes its own bound. */
        public Builder downloadDeadline(Duration deadline) {
            if (deadline == null || deadline.isZero() || deadline.isNegative()) {
                throw new IllegalArgumentException("downloadDeadline: " + deadline + "; expected a positive duration");
            }
            this.downloadDeadline = deadline;
            return this;
        }

        public BinarySettings build() {
            return new BinarySettings(this);
        }
    }
}
