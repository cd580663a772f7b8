package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import org.junit.jupiter.api.Test;

class BinarySettingsTest {
    @Test
    void defaults() {
        BinarySettings s = BinarySettings.builder().build();
        assertNull(s.binPath());
        assertEquals(LitestreamVersion.V0_3_13, s.version());
        assertEquals("https://github.com/benbjohnson/litestream/releases/download", s.downloadBaseUrl());
        assertTrue(s.downloadEnabled() && s.pathLookup());
        assertNull(s.sha256());
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> BinarySettings.builder().downloadBaseUrl("ftp://mirror/x"));
        assertEquals("litestream.download.base-url: \"ftp://mirror/x\"; expected an http(s):// or file:// URL "
                + "of a Litestream release mirror", url.getMessage());
        IllegalArgumentException sha = assertThrows(IllegalArgumentException.class,
                () -> BinarySettings.builder().sha256("abc"));
        assertTrue(sha.getMessage().startsWith("litestream.download.sha256: \"abc\"; expected 64 hexadecimal digits"));
    }

    /** The one rule of litestream.download.base-url, as the configuration loader applies it. */
    @Test
    void aLocalMirrorIsAFileUrlWithoutAHost() {
        assertEquals("file:///srv/mirror", BinarySettings.builder().downloadBaseUrl("file:///srv/mirror/").build()
                .downloadBaseUrl());
        assertThrows(IllegalArgumentException.class, () -> BinarySettings.builder().downloadBaseUrl("file://host/m"));
        assertThrows(IllegalArgumentException.class, () -> BinarySettings.builder().downloadBaseUrl("file:relative"));
    }

    @Test
    void normalizesUrlAndSha() {
        BinarySettings s = BinarySettings.builder().downloadBaseUrl("http://127.0.0.1:8080/mirror/").sha256("AB".repeat(32)).build();
        assertEquals("http://127.0.0.1:8080/mirror", s.downloadBaseUrl());
        assertEquals("ab".repeat(32), s.sha256());
    }

    @Test
    void releaseAssetNames() {
        Platform linux = Platform.of("linux", "amd64");
        Platform mac = Platform.of("darwin", "arm64");
        assertEquals("litestream-v0.3.13-linux-amd64.tar.gz", new ReleaseAsset(LitestreamVersion.V0_3_13, linux).fileName());
        assertEquals("litestream-v0.3.13-darwin-arm64.zip", new ReleaseAsset(LitestreamVersion.V0_3_13, mac).fileName());
        assertEquals("litestream-0.5.16-linux-x86_64.tar.gz",
                new ReleaseAsset(LitestreamVersion.parse("0.5.16"), linux).fileName());
        assertEquals("https://m/v0.5.16/litestream-0.5.16-darwin-arm64.tar.gz",
                new ReleaseAsset(LitestreamVersion.parse("0.5.16"), mac).uri("https://m").toString());
    }

    @Test
    void platformDetection() {
        assertEquals(Platform.of("linux", "arm64"), Platform.detect("Linux", "aarch64").orElseThrow());
        assertEquals(Platform.of("darwin", "amd64"), Platform.detect("Mac OS X", "x86_64").orElseThrow());
        assertTrue(Platform.detect("Windows 11", "amd64").isEmpty());
    }
}
