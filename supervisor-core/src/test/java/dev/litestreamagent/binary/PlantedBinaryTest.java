package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.fs.OtherUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 3: the download cache comes before PATH, so a binary planted there by another
 * user would run as us. A cache not exclusively ours is refused, naming what was found.
 */
class PlantedBinaryTest {
    private static final Platform HERE = Platform.of("linux", "amd64");

    @TempDir
    Path dir;

    private BinaryException resolveFails(Path cache) {
        BinarySettings settings = BinarySettings.builder().cacheDirectory(cache).downloadEnabled(false).pathLookup(false).build();
        return assertThrows(BinaryException.class, () -> new BinaryResolver(settings, null, HERE).resolve());
    }

    private static String planted(Path cache) {
        return CacheInstaller.binaryPath(cache, BinarySettings.DEFAULT_VERSION, HERE).toString();
    }

    /** A stand-in Litestream in the cache, rwxr-xr-x, in folders created as by this user. */
    private static Path cachedScript(Path cache) throws Exception {
        Path binary = Path.of(planted(cache));
        Files.createDirectories(binary.getParent());
        Files.writeString(binary, "#!/bin/sh\necho v0.3.13\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        return binary;
    }

    @Test
    void asRootABinaryAnotherUserPlantedInASharedCacheIsRefused() throws Exception {
        OtherUser.assumeRootWithSetpriv();
        Path cache = OtherUser.sharedDirectory(dir.resolve("shared")).resolve("litestream-agent");
        Path binary = Path.of(planted(cache));
        Path ran = dir.resolve("shared/ran");
        OtherUser.MALLORY.sh("mkdir -p " + binary.getParent() + " && printf '#!/bin/sh\\ntouch " + ran
                + "\\necho v0.3.13\\n' > " + binary + " && chmod 755 " + binary);

        BinaryException e = resolveFails(cache);
        assertTrue(e.getMessage().contains(cache + " is owned by " + OtherUser.MALLORY.uid()), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.cache-dir"), e.getMessage());
        assertTrue(Files.notExists(ran));
    }

    @Test
    void aCacheOthersCanWriteIsRefused() throws Exception {
        Path cache = dir.resolve("cache");
        Path binary = cachedScript(cache);
        Files.setPosixFilePermissions(binary.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        BinaryException e = resolveFails(cache);
        assertTrue(e.getMessage().contains(binary.getParent() + " is writable by group or others"), e.getMessage());
    }

    @Test
    void aCachedBinaryThatIsALinkIsRefused() throws Exception {
        Path cache = dir.resolve("cache");
        Path binary = Path.of(planted(cache));
        Files.createDirectories(binary.getParent());
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(binary, elsewhere);

        BinaryException e = resolveFails(cache);
        assertTrue(e.getMessage().contains(binary + " is a symbolic link to " + elsewhere), e.getMessage());
    }

    @Test
    void aCacheOfOurOwnIsUsedAsBefore() throws Exception {
        Path cache = dir.resolve("cache");
        Path binary = cachedScript(cache);
        BinarySettings settings = BinarySettings.builder().cacheDirectory(cache).downloadEnabled(false).pathLookup(false).build();
        assertEquals(new ResolvedBinary(binary, "cache"), new BinaryResolver(settings, null, HERE).resolve());
    }
}
