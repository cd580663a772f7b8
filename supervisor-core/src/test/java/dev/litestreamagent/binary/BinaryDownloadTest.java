package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.TestBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads of release-shaped archives (built from the real v0.3.13 binary) from a mirror on 127.0.0.1. */
class BinaryDownloadTest {
    private static final Platform HERE = Platform.of("linux", "amd64");
    private static final String V0313_TGZ = "/v0.3.13/litestream-v0.3.13-linux-amd64.tar.gz";

    private static byte[] tarGz;
    private static String tarGzSha;
    private static String binarySha;

    @TempDir
    Path cache;
    private ReleaseServer server;

    @BeforeAll
    static void buildArchive() throws Exception {
        tarGz = TestArchives.tarGz(TestBinary.litestream());
        tarGzSha = sha256(tarGz);
        binarySha = sha256(Files.readAllBytes(TestBinary.litestream()));
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new ReleaseServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void downloadsVerifiesAndInstallsIntoTheCacheThenUsesTheCache() throws Exception {
        server.serve(V0313_TGZ, tarGz);
        BinarySettings settings = settings().sha256(tarGzSha).build();

        ResolvedBinary first = new BinaryResolver(settings, "", HERE).resolve();

        assertEquals(ResolvedBinary.ORIGIN_DOWNLOAD, first.origin());
        assertEquals(cache.resolve("v0.3.13/linux-amd64/litestream"), first.path());
        assertEquals(binarySha, sha256(Files.readAllBytes(first.path())));
        assertEquals(LitestreamVersion.V0_3_13, new VersionDetector().versionOf(first.path()));
        assertEquals(List.of(first.path()), filesIn(cache), "no temp files left behind");

        ResolvedBinary second = new BinaryResolver(settings, "", HERE).resolve();
        assertEquals(new ResolvedBinary(first.path(), ResolvedBinary.ORIGIN_CACHE), second);
        assertEquals(1, server.requests(V0313_TGZ), "the cached binary is used without the network");
    }

    @Test
    void aFileMirrorServesHostsWithoutNetworkAccess() throws Exception {
        Path mirror = cache.resolve("mirror");
        BinaryException missing = assertThrows(BinaryException.class, () -> new BinaryResolver(
                settings().downloadBaseUrl(mirror.toUri().toString()).sha256(tarGzSha).build(), "", HERE).resolve());
        assertTrue(missing.getMessage().startsWith("download of " + mirror.resolve(V0313_TGZ.substring(1)).toUri()
                + " failed: no such file"), missing.getMessage());

        Files.createDirectories(mirror.resolve("v0.3.13"));
        Files.write(mirror.resolve(V0313_TGZ.substring(1)), tarGz);
        ResolvedBinary installed = new BinaryResolver(
                settings().downloadBaseUrl(mirror.toUri().toString()).sha256(tarGzSha).build(), "", HERE).resolve();

        assertEquals(new ResolvedBinary(cache.resolve("v0.3.13/linux-amd64/litestream"), ResolvedBinary.ORIGIN_DOWNLOAD),
                installed);
        assertEquals(binarySha, sha256(Files.readAllBytes(installed.path())));
        assertEquals(0, server.requests(V0313_TGZ));
    }

    @Test
    void aMismatchAgainstThePinnedChecksumFailsAndInstallsNothing() throws IOException {
        server.serve(V0313_TGZ, tarGz); // our archive is not the real release asset, so the pin cannot match

        BinaryException e = assertThrows(BinaryException.class,
                () -> new BinaryResolver(settings().build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("checksum mismatch for " + server.baseUrl() + V0313_TGZ), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 eb75a3de5cab03875cdae9f5f539e6aedadd66607003d9b1e7a9077948818ba0"
                + " (pinned in litestream-agent"), e.getMessage());
        assertTrue(e.getMessage().contains("got " + tarGzSha), e.getMessage());
        assertEquals(List.of(), filesIn(cache), "nothing installed, no partial download");
    }

    @Test
    void aUserPinThatDoesNotMatchFailsToo() throws IOException {
        server.serve(V0313_TGZ, tarGz);
        String wrong = "0".repeat(64);

        BinaryException e = assertThrows(BinaryException.class,
                () -> new BinaryResolver(settings().sha256(wrong).build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("expected sha256 " + wrong + " (litestream.download.sha256)"), e.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void a05ReleaseIsCheckedAgainstItsChecksumsFile() throws Exception {
        String asset = "litestream-0.5.3-linux-x86_64.tar.gz";
        server.serve("/v0.5.3/" + asset, tarGz)
                .serve("/v0.5.3/checksums.txt", (sha256("other".getBytes()) + "  litestream-0.5.3-linux-arm64.tar.gz\n"
                        + tarGzSha + "  " + asset + "\n").getBytes(StandardCharsets.UTF_8));
        BinarySettings settings = settings().version(LitestreamVersion.parse("0.5.3")).build();

        ResolvedBinary binary = new BinaryResolver(settings, "", HERE).resolve();

        assertEquals(cache.resolve("v0.5.3/linux-amd64/litestream"), binary.path());
        assertEquals(binarySha, sha256(Files.readAllBytes(binary.path())));
    }

    @Test
    void a05ChecksumsFileWithADifferentValueFailsClosed() throws IOException {
        String asset = "litestream-0.5.3-linux-x86_64.tar.gz";
        server.serve("/v0.5.3/" + asset, tarGz).serve("/v0.5.3/checksums.txt",
                ("1".repeat(64) + "  " + asset + "\n").getBytes(StandardCharsets.UTF_8));

        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(
                settings().version(LitestreamVersion.parse("0.5.3")).build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("expected sha256 " + "1".repeat(64) + " (" + server.baseUrl()
                + "/v0.5.3/checksums.txt)"), e.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void a03AssetWithoutAnyKnownChecksumIsNotDownloaded() {
        server.serve("/v0.3.12/litestream-v0.3.12-linux-amd64.tar.gz", tarGz);

        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(
                settings().version(LitestreamVersion.parse("v0.3.12")).build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("no trusted sha256 is known for litestream-v0.3.12-linux-amd64.tar.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.download.sha256") && e.getMessage().contains("litestream.bin-path"));
        assertEquals(0, server.requests("/v0.3.12/litestream-v0.3.12-linux-amd64.tar.gz"));
    }

    @Test
    void aMacOsZipReleaseIsExtractedAndAWrongArchitectureIsNotInstalled() throws Exception {
        byte[] zip = TestArchives.zip(TestBinary.litestream());
        String asset = "/v0.3.13/litestream-v0.3.13-darwin-arm64.zip";
        server.serve(asset, zip);
        BinarySettings settings = settings().sha256(sha256(zip)).build();

        // The zip is intact and extracted, but the binary inside is linux/amd64: refused on "darwin/arm64".
        BinaryException e = assertThrows(BinaryException.class,
                () -> new BinaryResolver(settings, "", Platform.of("darwin", "arm64")).resolve());

        assertEquals("Litestream binary litestream in litestream-v0.3.13-darwin-arm64.zip (from " + server.baseUrl() + asset
                + ") is built for linux/amd64 (ELF), but this machine is darwin/arm64. Install the darwin-arm64 build of "
                + "Litestream and set litestream.bin-path to it (or put it on PATH).", e.getMessage());
        assertEquals(List.of(), filesIn(cache), "nothing installed");
    }

    @Test
    void aMissingAssetNamesTheUrlAndStatus() {
        BinaryException e = assertThrows(BinaryException.class,
                () -> new BinaryResolver(settings().sha256(tarGzSha).build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("download of " + server.baseUrl() + V0313_TGZ + " failed: HTTP 404"), e.getMessage());
    }

    @Test
    void offlineNamesTheUrlAndTheWayOut() throws IOException {
        String url = server.baseUrl();
        server.close(); // connection refused from now on

        BinaryException e = assertThrows(BinaryException.class,
                () -> new BinaryResolver(settings().downloadBaseUrl(url).sha256(tarGzSha).build(), "", HERE).resolve());

        assertTrue(e.getMessage().startsWith("download of " + url + V0313_TGZ + " failed: cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains("set litestream.bin-path"), e.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void downloadingOffSaysHowToInstall() {
        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(
                settings().downloadEnabled(false).build(), "/nonexistent/bin", HERE).resolve());

        assertTrue(e.getMessage().startsWith("Litestream not found"), e.getMessage());
        assertTrue(e.getMessage().contains("litestream.download.enabled=false"), e.getMessage());
        assertTrue(e.getMessage().contains("https://litestream.io/install/"), e.getMessage());
        assertEquals(0, server.requests(V0313_TGZ));
    }

    @Test
    void twoJvmsInstallingAtOnceBothGetTheSameIntactBinary() throws Exception {
        server.serve(V0313_TGZ, tarGz);
        server.delay(700); // both JVMs reach the install step before the first download completes
        List<String> command = List.of(TestBinary.java().toString(), "-cp", System.getProperty("java.class.path"),
                InstallMain.class.getName(), server.baseUrl(), cache.toString(), tarGzSha);

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(command));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(command));
        ProcessResult ra = first.get();
        ProcessResult rb = second.get();

        Path installed = cache.resolve("v0.3.13/linux-amd64/litestream");
        assertEquals(0, ra.exitCode(), ra.output());
        assertEquals(0, rb.exitCode(), rb.output());
        assertTrue(ra.output().contains(installed.toString()) && rb.output().contains(installed.toString()),
                ra.output() + rb.output());
        assertEquals(binarySha, sha256(Files.readAllBytes(installed)));
        assertEquals(1, server.requests(V0313_TGZ), "the second JVM waited for the lock and used the first one's binary");
        assertEquals(List.of(installed), filesIn(cache));
        assertEquals(LitestreamVersion.V0_3_13, new VersionDetector().versionOf(installed));
    }

    /** Issue 17 (5): a mirror trickling a byte at a time held main() for ever, restore-timeout ignored. */
    @Test
    void aTricklingMirrorIsAbandonedAtTheDeadlineAndLeavesNothing() throws IOException {
        server.serve(V0313_TGZ, tarGz);
        server.trickle(100);
        long start = System.nanoTime();
        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(settings().sha256(tarGzSha)
                .downloadDeadline(java.time.Duration.ofSeconds(2)).build(), "", HERE).resolve());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(e.getMessage().contains("did not finish within 2s"), e.getMessage());
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
        assertEquals(List.of(), filesIn(cache), "a partial download stayed behind");
    }

    /** Issue 17 (5): a killed download left its .part files behind for good. */
    @Test
    void partFilesOfAKilledInstallAreRemovedByTheNext() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("v0.3.13/linux-amd64"));
        Files.write(dir.resolve(".download-4242.part"), new byte[1024]);
        Files.write(dir.resolve(".litestream-4242.part"), new byte[1024]);
        server.serve(V0313_TGZ, tarGz);

        Path installed = new BinaryResolver(settings().sha256(tarGzSha).build(), "", HERE).resolve().path();

        assertEquals(List.of(installed), filesIn(cache));
    }

    /** Issue 17 (5): .install.lock was waited for without a limit. */
    @Test
    void anInstallLockHeldTooLongIsGivenUpWithTheHolderNamed() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("v0.3.13/linux-amd64"));
        Path holder = cache.getParent().resolve("HoldLock.java");
        Files.writeString(holder, "import java.nio.channels.FileChannel; import java.nio.file.*;\n"
                + "public class HoldLock { public static void main(String[] a) throws Exception {\n"
                + "  try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);\n"
                + "       var l = c.lock()) { System.out.println(\"locked\"); System.out.flush(); Thread.sleep(30_000); } } }\n");
        Process process = new ProcessBuilder(TestBinary.java().toString(), holder.toString(),
                dir.resolve(".install.lock").toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            server.serve(V0313_TGZ, tarGz);
            BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(settings().sha256(tarGzSha)
                    .downloadDeadline(java.time.Duration.ofSeconds(1)).build(), "", HERE).resolve());
            assertTrue(e.getMessage().contains("another process has been installing Litestream into " + dir
                    + " for more than 1s"), e.getMessage());
            assertEquals(0, server.requests(V0313_TGZ));
        } finally {
            process.destroy();
        }
    }

    private static ProcessResult run(List<String> command) {
        try {
            return ProcessResult.run(command, 60);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private BinarySettings.Builder settings() {
        return BinarySettings.builder().cacheDirectory(cache).downloadBaseUrl(server.baseUrl()).pathLookup(false);
    }

    /** Regular files in the cache, lock files aside. */
    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".install.lock"))
                    .collect(Collectors.toList());
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
