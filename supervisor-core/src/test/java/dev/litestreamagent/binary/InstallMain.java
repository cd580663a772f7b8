package dev.litestreamagent.binary;

import java.nio.file.Paths;

/** Child JVM for the concurrent-install test: args base-url, cache-dir, sha256; prints "origin path". */
public final class InstallMain {
    private InstallMain() {
    }

    public static void main(String[] args) throws Exception {
        BinarySettings settings = BinarySettings.builder().downloadBaseUrl(args[0])
                .cacheDirectory(Paths.get(args[1])).sha256(args[2]).pathLookup(false).build();
        try {
            ResolvedBinary binary = new BinaryResolver(settings, "", Platform.current()).resolve();
            System.out.println("RESOLVED " + binary.origin() + " " + binary.path());
        } catch (BinaryException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(1);
        }
    }
}
