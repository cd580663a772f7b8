package dev.litestreamagent.binary;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** How to find or fetch Litestream; immutable, built with {@link #builder()}. Keys are the config names. */
public final class BinarySettings {
    public static final String KEY_BIN_PATH = "litestream.bin-path";
    public static final String KEY_VERSION = "litestream.version";
    public static final String KEY_CACHE_DIR = "litestream.cache-dir";
    public static final String KEY_DOWNLOAD_BASE_URL = "litestream.download.base-url";
    public static final String KEY_DOWNLOAD_ENABLED = "litestream.download.enabled";
    public static final String KEY_DOWNLOAD_SHA256 = "litestream.download.sha256";

    /** The version downloaded when none is configured. */
    public static final LitestreamVersion DEFAULT_VERSION = LitestreamVersion.V0_3_13;
    public static final String DEFAULT_DOWNLOAD_BASE_URL = "https://github.com/benbjohnson/litestream/releases/download";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path binPath;
    private final LitestreamVersion version;
    private final Path cacheDirectory;
    private final String downloadBaseUrl;
    private final boolean downloadEnabled;
    private final String sha256;
    private final boolean pathLookup;

    private BinarySettings(Builder b) {
        this.binPath = b.binPath;
        this.version = b.version == null ? DEFAULT_VERSION : b.version;
        this.cacheDirectory = b.cacheDirectory == null
                ? defaultCacheDirectory(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"))
                : b.cacheDirectory;
        this.downloadBaseUrl = b.downloadBaseUrl;
        this.downloadEnabled = b.downloadEnabled;
        this.sha256 = b.sha256;
        this.pathLookup = b.pathLookup;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code ~/Library/Caches/litestream-agent} on macOS; elsewhere {@code $XDG_CACHE_HOME/litestream-agent},
     * or {@code ~/.cache/litestream-agent} when XDG_CACHE_HOME is unset or not absolute (as the XDG spec says).
     */
    static Path defaultCacheDirectory(String osName, Map<String, String> env, String userHome) {
        Path home = Paths.get(userHome == null ? "." : userHome);
        if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return home.resolve("Library/Caches/litestream-agent");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "litestream-agent");
        }
        return home.resolve(".cache/litestream-agent");
    }

    /** {@code litestream.bin-path}; null when unset. */
    public Path binPath() {
        return binPath;
    }

    /** The version to download ({@code litestream.version}); {@link #DEFAULT_VERSION} when unset. */
    public LitestreamVersion version() {
        return version;
    }

    public Path cacheDirectory() {
        return cacheDirectory;
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

    @Override
    public String toString() {
        return "BinarySettings[" + KEY_BIN_PATH + "=" + binPath + ", " + KEY_VERSION + "=" + version
                + ", " + KEY_CACHE_DIR + "=" + cacheDirectory + ", " + KEY_DOWNLOAD_BASE_URL + "=" + downloadBaseUrl
                + ", " + KEY_DOWNLOAD_ENABLED + "=" + downloadEnabled + ", " + KEY_DOWNLOAD_SHA256 + "=" + sha256
                + ", pathLookup=" + pathLookup + "]";
    }

    /** Validates each value as it is set: bad values fail with the key, the value and what is expected. */
    public static final class Builder {
        private Path binPath;
        private LitestreamVersion version;
        private Path cacheDirectory;
        private String downloadBaseUrl = DEFAULT_DOWNLOAD_BASE_URL;
        private boolean downloadEnabled = true;
        private String sha256;
        private boolean pathLookup = true;

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

        public Builder downloadBaseUrl(String url) {
            String trimmed = url == null ? "" : url.trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new URISyntaxException(trimmed, "not an absolute http(s) URL");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(KEY_DOWNLOAD_BASE_URL + ": \"" + url
                        + "\"; expected an http(s) URL such as " + DEFAULT_DOWNLOAD_BASE_URL);
            }
            this.downloadBaseUrl = trimmed;
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
            String normal = sha256.trim().toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(normal).matches()) {
                throw new IllegalArgumentException(KEY_DOWNLOAD_SHA256 + ": \"" + sha256
                        + "\"; expected 64 hexadecimal digits (the sha256 of the release archive)");
            }
            this.sha256 = normal;
            return this;
        }

        public Builder pathLookup(boolean pathLookup) {
            this.pathLookup = pathLookup;
            return this;
        }

        public BinarySettings build() {
            return new BinarySettings(this);
        }
    }
}
