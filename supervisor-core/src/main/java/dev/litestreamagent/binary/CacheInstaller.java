package dev.litestreamagent.binary;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.fs.CacheDirectory;
import dev.litestreamagent.fs.OwnedDirectory;
import dev.litestreamagent.fs.UnsafeDirectoryException;
import dev.litestreamagent.settings.Durations;
import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads, verifies (sha256, then the executable header) and installs a release into the cache: {@code <cache>/<version>/<os>-<arch>/litestream}.
 * The archive and the extracted binary are written to temp files in that folder and the binary is
 * renamed into place atomically, all under a file lock, so concurrent JVMs either wait or find the
 * finished binary and never see half a file. A checksum that does not match leaves nothing behind.
 */
final class CacheInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(CacheInstaller.class);
    // A FileLock belongs to the whole JVM: two threads of one JVM must queue here first.
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final long LOCK_POLL_MS = 100;

    private final BinarySettings settings;
    private final HttpDownloader downloader;

    CacheInstaller(BinarySettings settings, HttpDownloader downloader) {
        this.settings = settings;
        this.downloader = downloader;
    }

    static Path binaryPath(Path cacheDirectory, LitestreamVersion version, Platform platform) {
        return cacheDirectory.resolve(version.toString()).resolve(platform.os() + "-" + platform.arch())
                .resolve(ArchiveExtractor.BINARY_NAME);
    }

    Path install(ReleaseAsset asset, Platform platform) throws BinaryException {
        Path cache = settings.cacheDirectory().orElseThrow(() -> new BinaryException(CacheDirectory.NO_HOME
                + ", so Litestream cannot be downloaded. " + BinaryResolver.CACHE_ADVICE));
        Path target = binaryPath(cache, asset.version(), platform);
        Path dir = target.getParent();
        long deadline = System.nanoTime() + settings.downloadDeadline().toNanos();
        try {
            if (!IN_THIS_JVM.tryLock(settings.downloadDeadline().toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout(dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryException("interrupted while waiting to install Litestream into " + dir, e);
        }
        try {
            OwnedDirectory.ensureChain(cache, dir, BinaryResolver.CACHE_PURPOSE);
            try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 FileLock ignored = lockWithin(channel, deadline, dir)) {
                if (Files.isExecutable(target)) {
                    return target; // another process installed it while we waited for the lock
                }
                deleteLeftovers(dir);
                downloadVerifyAndMove(asset, platform, dir, target, deadline);
                return target;
            }
        } catch (UnsafeDirectoryException e) {
            throw new BinaryException(e.getMessage() + " " + BinaryResolver.CACHE_ADVICE, e);
        } catch (IOException e) {
            throw new BinaryException("cannot install Litestream into " + dir + ": " + e
                    + ". Make sure " + Keys.CACHE_DIR + " (" + cache + ") is writable.", e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    /**
     * The install lock, polled until the deadline: another process may hold it for a whole (slow) download, or
     * hang holding it; a start must not wait for ever.
     */
    private FileLock lockWithin(FileChannel channel, long deadline, Path dir) throws IOException, BinaryException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw lockTimeout(dir);
            }
            try {
                Thread.sleep(LOCK_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BinaryException("interrupted while waiting for " + dir.resolve(".install.lock"), e);
            }
        }
    }

    private BinaryException lockTimeout(Path dir) {
        return new BinaryException("another process has been installing Litestream into " + dir + " for more than "
                + Durations.format(settings.downloadDeadline()) + " (it holds " + dir.resolve(".install.lock")
                + "); nothing was installed. Try again, or install Litestream and set " + Keys.BIN_PATH + ".");
    }

    /** Temp files of an install that was killed midway: under the lock no other install is running, so they are dead. */
    private static void deleteLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".{download,litestream}-*.part")) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    private void downloadVerifyAndMove(ReleaseAsset asset, Platform platform, Path dir, Path target, long endNanos)
            throws IOException, BinaryException {
        Expected expected = expectedSha256(asset);
        URI uri = asset.uri(settings.downloadBaseUrl());
        Path archive = Files.createTempFile(dir, ".download-", ".part");
        Path binary = Files.createTempFile(dir, ".litestream-", ".part");
        try {
            LOG.info("Downloading Litestream {} from {}", asset.version(), uri);
            downloader.download(uri, archive, endNanos);
            String actual = Sha256.of(archive);
            if (!actual.equals(expected.sha256)) {
                throw new BinaryException("checksum mismatch for " + uri + ": expected sha256 " + expected.sha256
                        + " (" + expected.source + "), got " + actual + ". Nothing was installed. The download was "
                        + "corrupted or the server sent a different file; if you verified this file yourself, set "
                        + Keys.DOWNLOAD_SHA256 + " to its sha256.");
            }
            try {
                ArchiveExtractor.extractBinary(archive, asset.isZip(), binary);
            } catch (IOException e) {
                throw new BinaryException("release archive " + uri + " is not usable: " + e.getMessage(), e);
            }
            BinaryCheck.checkArchitecture(binary, ArchiveExtractor.BINARY_NAME + " in " + asset.fileName(),
                    uri.toString(), platform);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(binary, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Installed Litestream {} at {} (sha256 {} checked against {})", asset.version(), target,
                    actual, expected.source);
        } finally {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(binary);
        }
    }

    /** The user's pin, else the project's pin, else the release's checksums.txt (0.5+), else fail closed. */
    private Expected expectedSha256(ReleaseAsset asset) throws BinaryException {
        if (settings.sha256() != null) {
            return new Expected(settings.sha256(), Keys.DOWNLOAD_SHA256.name());
        }
        String pinned = PinnedChecksums.forAsset(asset.fileName()).orElse(null);
        if (pinned != null) {
            return new Expected(pinned, "pinned in litestream-agent for " + asset.fileName());
        }
        if (asset.releaseHasChecksumsFile()) {
            URI uri = asset.checksumsUri(settings.downloadBaseUrl());
            String listed = checksumFor(downloader.text(uri), asset.fileName());
            if (listed == null) {
                throw new BinaryException(uri + " lists no checksum for " + asset.fileName()
                        + "; nothing was downloaded. Set " + Keys.DOWNLOAD_SHA256
                        + " to the archive's sha256, or install Litestream and set " + Keys.BIN_PATH + ".");
            }
            return new Expected(listed, uri.toString());
        }
        throw new BinaryException("no trusted sha256 is known for " + asset.fileName() + " (Litestream "
                + asset.version() + " publishes no checksums.txt and litestream-agent pins none for it), so it is "
                + "not downloaded. Set " + Keys.DOWNLOAD_SHA256 + " to the archive's sha256, or install "
                + "Litestream yourself and set " + Keys.BIN_PATH + ".");
    }

    /** Lines of {@code <sha256>  <file>} (a {@code *} before the name marks binary mode). */
    static String checksumFor(String checksumsTxt, String fileName) {
        for (String line : checksumsTxt.split("\r?\n")) {
            String[] parts = line.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].matches("[0-9a-fA-F]{64}")
                    && (parts[1].equals(fileName) || parts[1].equals("*" + fileName))) {
                return parts[0].toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static final class Expected {
        final String sha256;
        final String source;

        Expected(String sha256, String source) {
            this.sha256 = sha256;
            this.source = source;
        }
    }
}
