package dev.litestreamagent.binary;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The operating system and CPU in Litestream's release naming: linux/darwin, amd64/arm64. */
public final class Platform {
    public static final String LINUX = "linux";
    public static final String DARWIN = "darwin";
    public static final String AMD64 = "amd64";
    public static final String ARM64 = "arm64";

    private final String os;
    private final String arch;

    private Platform(String os, String arch) {
        this.os = os;
        this.arch = arch;
    }

    /** @throws IllegalArgumentException for anything but linux/darwin and amd64/arm64 */
    public static Platform of(String os, String arch) {
        if (!LINUX.equals(os) && !DARWIN.equals(os)) {
            throw new IllegalArgumentException("os: \"" + os + "\"; expected linux or darwin");
        }
        if (!AMD64.equals(arch) && !ARM64.equals(arch)) {
            throw new IllegalArgumentException("arch: \"" + arch + "\"; expected amd64 or arm64");
        }
        return new Platform(os, arch);
    }

    /**
     * This JVM's platform.
     *
     * @throws IllegalStateException on a platform Litestream publishes no supported build for,
     *         naming it and the way out (install Litestream yourself, set litestream.bin-path)
     */
    public static Platform current() {
        return detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""))
                .orElseThrow(() -> new IllegalStateException(unsupported(System.getProperty("os.name"),
                        System.getProperty("os.arch"))));
    }

    /** Maps the JVM's {@code os.name}/{@code os.arch} values; empty when unsupported. */
    static Optional<Platform> detect(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? LINUX : name.startsWith("mac") || name.startsWith("darwin") ? DARWIN : null;
        String a = osArch.toLowerCase(Locale.ROOT);
        String arch = a.equals("amd64") || a.equals("x86_64") ? AMD64 : a.equals("aarch64") || a.equals("arm64") ? ARM64 : null;
        return os == null || arch == null ? Optional.empty() : Optional.of(new Platform(os, arch));
    }

    static String unsupported(String osName, String osArch) {
        return "unsupported platform os.name=" + osName + ", os.arch=" + osArch
                + ": the agent fetches Litestream only for linux and macOS on amd64 or arm64. "
                + "Install Litestream yourself and set litestream.bin-path to it.";
    }

    public String os() {
        return os;
    }

    public String arch() {
        return arch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Platform && os.equals(((Platform) o).os) && arch.equals(((Platform) o).arch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(os, arch);
    }

    /** {@code linux/amd64}. */
    @Override
    public String toString() {
        return os + "/" + arch;
    }
}
