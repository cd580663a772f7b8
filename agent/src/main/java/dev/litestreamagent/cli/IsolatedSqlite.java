package dev.litestreamagent.cli;

import dev.litestreamagent.fs.CacheDirectory;
import dev.litestreamagent.fs.OwnedDirectory;
import dev.litestreamagent.verify.SqliteConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * sqlite-jdbc in a class loader of its own. It cannot be relocated (its JNI names are fixed) and
 * the agent jar shares the application's class path, so it travels as a nested jar that only
 * verify loads, with the platform class loader as parent: the application never sees it, and
 * its own sqlite-jdbc (any version) never meets this one.
 */
final class IsolatedSqlite implements SqliteConnector {
    static final String NESTED_JAR = "META-INF/litestream-agent/lib/sqlite-jdbc.jar";
    private static final String DRIVER = "org.sqlite.JDBC";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** One per JVM: every loader extracts and loads its own copy of the native library. */
    private static IsolatedSqlite shared;

    private final Driver driver;

    private IsolatedSqlite(Driver driver) {
        this.driver = driver;
    }

    static synchronized IsolatedSqlite shared() throws IOException {
        if (shared == null) {
            shared = load(extract());
        }
        return shared;
    }

    @Override
    public Connection open(Path database) throws SQLException {
        return driver.connect("jdbc:sqlite:" + database, new Properties());
    }

    private static IsolatedSqlite load(Path jar) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            return new IsolatedSqlite((Driver) Class.forName(DRIVER, true, loader).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            loader.close();
            throw new IOException("cannot load " + DRIVER + " from " + jar + ": " + e, e);
        }
    }

    /** The nested jar as a file, reused from the cache only when its content is exactly the resource's. */
    private static Path extract() throws IOException {
        byte[] jar = nestedJar();
        String sha = sha256(jar);
        Path cacheDir = cacheDir();
        if (cacheDir == null) {
            Path temp = Files.createTempFile("litestream-agent-sqlite-jdbc-", ".jar",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            temp.toFile().deleteOnExit();
            Files.write(temp, jar);
            return temp;
        }
        Path target = cacheDir.resolve("sqlite-jdbc-" + sha.substring(0, 16) + ".jar");
        if (Files.isRegularFile(target) && Files.size(target) == jar.length && sha.equals(sha256(Files.readAllBytes(target)))) {
            return target;
        }
        Path temp = Files.createTempFile(cacheDir, "sqlite-jdbc-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try (OutputStream out = Files.newOutputStream(temp)) {
            out.write(jar);
        }
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] nestedJar() throws IOException {
        ClassLoader loader = IsolatedSqlite.class.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(NESTED_JAR)
                : loader.getResourceAsStream(NESTED_JAR)) {
            if (in == null) {
                throw new IOException(NESTED_JAR + " is missing from the agent jar; verify needs it (rebuild the agent)");
            }
            return in.readAllBytes();
        }
    }

    /**
     * The agent's cache ({@link CacheDirectory}); null when there is none, it is not writable, or another
     * user could write it (then the jar could be swapped between its check and its loading).
     */
    private static Path cacheDir() {
        Optional<Path> dir = CacheDirectory.defaultHere();
        try {
            return dir.isPresent() && Files.isWritable(OwnedDirectory.ensure(dir.get(), "The litestream-agent cache"))
                    ? dir.get() : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
