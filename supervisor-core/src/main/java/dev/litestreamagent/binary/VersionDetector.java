package dev.litestreamagent.binary;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@code <binary> version} and parses the answer. Each detector caches its answers per
 * absolute path, size and modification time: replacing the binary runs it again, asking the same
 * detector twice does not. Whoever asks repeatedly keeps one detector; the only cache shared
 * across detectors is the one a caller names ({@link #remembering}: a file in the cache directory).
 */
public final class VersionDetector {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final ProcessRunner runner = new ProcessRunner(new SystemProcessLauncher());
    private final Duration timeout;
    private final KnownVersions known;
    private final Map<Key, Answer> cache = new ConcurrentHashMap<>();

    /** Waits up to 5 s for the answer. */
    public VersionDetector() {
        this(DEFAULT_TIMEOUT, null);
    }

    VersionDetector(Duration timeout) {
        this(timeout, null);
    }

    VersionDetector(Duration timeout, KnownVersions known) {
        this.timeout = timeout;
        this.known = known;
    }

    /**
     * A detector that also keeps its answers in {@code cacheDirectory} for later JVMs (the CLI, the next
     * start); with no cache directory, one of its own.
     */
    public static VersionDetector remembering(Optional<Path> cacheDirectory) {
        return new VersionDetector(DEFAULT_TIMEOUT, cacheDirectory.isPresent() ? new KnownVersions(cacheDirectory.get()) : null);
    }

    /** The version {@code binary} reports, run at most once per path and modification time. */
    public LitestreamVersion versionOf(Path binary) throws BinaryException {
        return answer(binary).version;
    }

    /**
     * What {@code binary version} printed, as {@link #versionOf} read it (from the same cache): the CLI's
     * {@code version} repeats it instead of running the binary again.
     */
    public String versionOutput(Path binary) throws BinaryException {
        return answer(binary).output;
    }

    private Answer answer(Path binary) throws BinaryException {
        Path absolute = binary.toAbsolutePath().normalize();
        Key key;
        try {
            key = new Key(absolute, Files.size(absolute) + " " + Files.getLastModifiedTime(absolute).to(TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            throw new BinaryException("cannot read Litestream binary " + absolute + ": " + e.getMessage(), e);
        }
        Answer cached = cache.get(key);
        if (cached == null && known != null) {
            cached = Answer.kept(known.get(absolute, key.stamp));
        }
        if (cached != null) {
            cache.put(key, cached);
            return cached;
        }
        Answer answer = run(absolute);
        cache.put(key, answer);
        if (known != null) {
            known.put(absolute, key.stamp, answer.output);
        }
        return answer;
    }

    private Answer run(Path binary) throws BinaryException {
        RunResult result;
        try {
            result = runner.run(ProcessSpec.of(Arrays.asList(binary.toString(), "version"), Output.captured()), timeout);
        } catch (IOException e) {
            throw new BinaryException("cannot run `" + binary + " version`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryException("interrupted while running `" + binary + " version`", e);
        }
        if (result.timedOut()) {
            throw new BinaryException("`" + binary + " version` did not answer within " + timeout.toMillis()
                    + " ms; is it really Litestream? Check " + Keys.BIN_PATH + ".");
        }
        String output = result.output().trim();
        if (result.exitCode() != 0) {
            throw new BinaryException("`" + binary + " version` exited " + result.exitCode() + ": " + abbreviate(output));
        }
        try {
            return new Answer(result.output(), LitestreamVersion.fromVersionOutput(output));
        } catch (IllegalArgumentException e) {
            throw new BinaryException("`" + binary + " version` printed \"" + abbreviate(output)
                    + "\", not a release version such as v0.3.13 (a development build?). Use a released Litestream.", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** What a binary printed for {@code version} and the version that says. */
    private static final class Answer {
        private final String output;
        private final LitestreamVersion version;

        Answer(String output, LitestreamVersion version) {
            this.output = output;
            this.version = version;
        }

        /** The answer kept in the cache directory, or null when there is none or it is no version (a damaged file). */
        static Answer kept(String output) {
            try {
                return output == null ? null : new Answer(output, LitestreamVersion.fromVersionOutput(output));
            } catch (IllegalArgumentException corrupt) {
                return null;
            }
        }
    }

    /** A binary as it is now: its path, and its size and modification time ({@code stamp}). */
    private static final class Key {
        private final Path path;
        private final String stamp;

        Key(Path path, String stamp) {
            this.path = path;
            this.stamp = stamp;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && path.equals(((Key) o).path) && stamp.equals(((Key) o).stamp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, stamp);
        }
    }
}
