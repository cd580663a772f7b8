package dev.litestreamagent.fs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the agent caches what it downloads or extracts (the Litestream binary, the CLI's sqlite-jdbc)
 * unless told otherwise. Never relative: for a uid without a passwd entry ({@code docker run --user
 * 1234}) Java's {@code user.home} is "?", which once made the cache {@code ./?/.cache/...}, a folder
 * any user who can write the working directory could fill with executables.
 */
public final class CacheDirectory {
    /** Why there is no default cache, for messages that then name the settings to use instead. */
    public static final String NO_HOME = "there is no default cache directory: user.home is not an absolute path "
            + "(a uid without a passwd entry gets \"?\") and neither XDG_CACHE_HOME nor HOME is one";

    private CacheDirectory() {
    }

    /**
     * {@code ~/Library/Caches/litestream-agent} on macOS; elsewhere {@code $XDG_CACHE_HOME/litestream-agent},
     * or {@code ~/.cache/litestream-agent} when XDG_CACHE_HOME is unset or not absolute (as the XDG spec
     * says). The home is {@code user.home}, else {@code $HOME}, whichever is absolute; empty when neither is.
     */
    public static Optional<Path> defaultFor(String osName, Map<String, String> env, String userHome) {
        boolean mac = osName.toLowerCase(Locale.ROOT).startsWith("mac");
        String xdg = env.get("XDG_CACHE_HOME");
        if (!mac && isAbsolute(xdg)) {
            return Optional.of(Paths.get(xdg, "litestream-agent"));
        }
        String home = isAbsolute(userHome) ? userHome : isAbsolute(env.get("HOME")) ? env.get("HOME") : null;
        if (home == null) {
            return Optional.empty();
        }
        return Optional.of(Paths.get(home).resolve(mac ? "Library/Caches/litestream-agent" : ".cache/litestream-agent"));
    }

    /** {@link #defaultFor} this JVM's OS, environment and {@code user.home}. */
    public static Optional<Path> defaultHere() {
        return defaultFor(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    private static boolean isAbsolute(String path) {
        return path != null && !path.isEmpty() && Paths.get(path).isAbsolute();
    }
}
