package dev.litestreamagent.binary;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.settings.Keys;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <binary> version} and parses the answer. Results are cached per absolute path and
 * modification time: replacing the binary (a new mtime) runs it again, starting the agent twice does not.
 */
public final class VersionDetector {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final VersionDetector SHARED = new VersionDetector(DEFAULT_TIMEOUT);

    private final Duration timeout;
    private final Map<Key, LitestreamVersion> cache = new ConcurrentHashMap<>();

    VersionDetector(Duration timeout) {
        this.timeout = timeout;
    }

    /** The version {@code binary} reports, run at most once per path and modification time. */
    public static LitestreamVersion detect(Path binary) throws BinaryException {
        return SHARED.versionOf(binary);
    }

    LitestreamVersion versionOf(Path binary) throws BinaryException {
        Path absolute = binary.toAbsolutePath().normalize();
        Key key;
        try {
            key = new Key(absolute, Files.getLastModifiedTime(absolute));
        } catch (IOException e) {
            throw new BinaryException("cannot read Litestream binary " + absolute + ": " + e.getMessage(), e);
        }
        LitestreamVersion cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        LitestreamVersion version = run(absolute);
        cache.put(key, version);
        return version;
    }

    private LitestreamVersion run(Path binary) throws BinaryException {
        String output = "";
        Path log = null;
        try {
            // Output through a file: a child that never closes its stdout cannot block the read.
            log = Files.createTempFile("litestream-version", ".out");
            Process process = new ProcessBuilder(binary.toString(), "version")
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BinaryException("`" + binary + " version` did not answer within " + timeout.toMillis()
                        + " ms; is it really Litestream? Check " + Keys.BIN_PATH + ".");
            }
            output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new BinaryException("`" + binary + " version` exited " + process.exitValue() + ": "
                        + abbreviate(output));
            }
            return LitestreamVersion.parse(output);
        } catch (IllegalArgumentException e) {
            throw new BinaryException("`" + binary + " version` printed \"" + abbreviate(output)
                    + "\", not a release version such as v0.3.13 (a development build?). Use a released Litestream.", e);
        } catch (IOException e) {
            throw new BinaryException("cannot run `" + binary + " version`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryException("interrupted while running `" + binary + " version`", e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static final class Key {
        private final Path path;
        private final FileTime modified;

        Key(Path path, FileTime modified) {
            this.path = path;
            this.modified = modified;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && path.equals(((Key) o).path) && modified.equals(((Key) o).modified);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, modified);
        }
    }
}
