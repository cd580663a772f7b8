package dev.litestreamagent.binary;

import dev.litestreamagent.config.LitestreamVersion;
import java.net.URI;

/**
 * The release archive for one version and platform, named as on Litestream's GitHub releases:
 * 0.3.x {@code litestream-v0.3.13-linux-amd64.tar.gz} (macOS: {@code .zip}),
 * 0.5.x {@code litestream-0.5.2-linux-x86_64.tar.gz} with a {@code checksums.txt} beside it.
 */
final class ReleaseAsset {
    private final LitestreamVersion version;
    private final Platform platform;

    ReleaseAsset(LitestreamVersion version, Platform platform) {
        this.version = version;
        this.platform = platform;
    }

    String fileName() {
        if (version.isV05OrLater()) {
            String arch = Platform.AMD64.equals(platform.arch()) ? "x86_64" : platform.arch();
            return "litestream-" + plainVersion() + "-" + platform.os() + "-" + arch + ".tar.gz";
        }
        return "litestream-" + version + "-" + platform.os() + "-" + platform.arch() + (isZip() ? ".zip" : ".tar.gz");
    }

    /** Only 0.3.x macOS builds ship as zip. */
    boolean isZip() {
        return !version.isV05OrLater() && Platform.DARWIN.equals(platform.os());
    }

    /** GoReleaser, used from 0.5 on, publishes a checksums.txt with each release. */
    boolean releaseHasChecksumsFile() {
        return version.isV05OrLater();
    }

    URI uri(String baseUrl) {
        return URI.create(baseUrl + "/" + version + "/" + fileName());
    }

    URI checksumsUri(String baseUrl) {
        return URI.create(baseUrl + "/" + version + "/checksums.txt");
    }

    LitestreamVersion version() {
        return version;
    }

    private String plainVersion() {
        return version.major() + "." + version.minor() + "." + version.patch();
    }

    @Override
    public String toString() {
        return fileName();
    }
}
