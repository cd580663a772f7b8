package dev.litestreamagent.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {
    @Test
    void cacheDirectoryFollowsXdgAndMacOs() {
        assertEquals(Optional.of(Paths.get("/x/cache/litestream-agent")),
                CacheDirectory.defaultFor("Linux", Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u"));
        assertEquals(Optional.of(Paths.get("/home/u/.cache/litestream-agent")),
                CacheDirectory.defaultFor("Linux", Map.of("XDG_CACHE_HOME", "relative"), "/home/u"));
        assertEquals(Optional.of(Paths.get("/Users/u/Library/Caches/litestream-agent")),
                CacheDirectory.defaultFor("Mac OS X", Map.of("XDG_CACHE_HOME", "/x"), "/Users/u"));
    }

    /** Issue 17, finding 3: a uid without a passwd entry has user.home "?"; the cache was once ./?/.cache. */
    @Test
    void aUidWithoutAHomeNeverGetsACacheRelativeToTheWorkingDirectory() {
        assertEquals(Optional.of(Paths.get("/x/cache/litestream-agent")),
                CacheDirectory.defaultFor("Linux", Map.of("XDG_CACHE_HOME", "/x/cache"), "?"));
        assertEquals(Optional.of(Paths.get("/home/env/.cache/litestream-agent")),
                CacheDirectory.defaultFor("Linux", Map.of("HOME", "/home/env"), "?"));
        assertEquals(Optional.empty(), CacheDirectory.defaultFor("Linux", Map.of("HOME", "?"), "?"));
        assertEquals(Optional.empty(), CacheDirectory.defaultFor("Linux", Map.of("XDG_CACHE_HOME", "rel"), null));
    }
}
