package dev.litestreamagent.binary;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import java.net.URI;

/**
 * The release archive for one version and platform on Litestream's GitHub releases
 * ({@code <base>/v0.3.13/<archive>}), named as the version's dialect says.
 */
final class ReleaseAsset {
    private final LitestreamVersion version;
    private final Platform platform;
    private final Dialect dialect;

    ReleaseAsset(LitestreamVersion version, Platform platform) {
        this.version = version;
        this.platform = platform;
        this.dialect = Dialect.of(version);
    }

    String fileName() {
        return dialect.releaseArchive(platform.os(), platform.arch());
    }

    boolean isZip() {
        return dialect.releaseArchiveIsZip(platform.os());
    }

    boolean releaseHasChecksumsFile() {
        return dialect.releaseHasChecksumsFile();
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

    @Override
    public String toString() {
        return fileName();
    }
}
