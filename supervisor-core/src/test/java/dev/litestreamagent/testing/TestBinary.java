package dev.litestreamagent.testing;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.supervisor.log.LogMarkers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the real Litestream binary the tests run: {@code -Dlitestream.test.bin} or {@code LITESTREAM_TEST_BIN}. */
public final class TestBinary {
    public static final String PROPERTY = "litestream.test.bin";
    public static final String ENV = "LITESTREAM_TEST_BIN";
    /** The log messages of the binary the tests run (v0.3.13), as its dialect gives them to the supervisor. */
    public static final LogMarkers LOG_MARKERS = Dialect.of(LitestreamVersion.V0_3_13).logMarkers();

    private TestBinary() {
    }

    /** The binary's path; fails (never skips) with the way to install it when it is missing. */
    public static Path litestream() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isEmpty()) {
            configured = System.getenv(ENV);
        }
        if (configured == null || configured.isEmpty()) {
            configured = projectRoot().resolve(".litestream/bin/litestream").toString();
        }
        Path path = Paths.get(configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The Litestream binary the tests need is missing at " + path
                    + ". Install it with: scripts/install-litestream.sh (from the project root), "
                    + "or point -D" + PROPERTY + " / " + ENV + " at a Litestream v0.3.13 binary.");
        }
        return path;
    }

    /** The project's root folder (set by the build; the working directory's parent otherwise). */
    public static Path projectRoot() {
        String root = System.getProperty("litestream.test.root");
        if (root != null && !root.isEmpty()) {
            return Paths.get(root);
        }
        Path cwd = Paths.get("").toAbsolutePath();
        return Files.exists(cwd.resolve("mvnw")) ? cwd : cwd.getParent();
    }

    /** The java launcher end-to-end tests start applications with ({@code -Dlitestream.test.java}). */
    public static Path java() {
        String java = System.getProperty("litestream.test.java");
        return java == null || java.isEmpty()
                ? Paths.get(System.getProperty("java.home"), "bin", "java")
                : Paths.get(java);
    }
}
