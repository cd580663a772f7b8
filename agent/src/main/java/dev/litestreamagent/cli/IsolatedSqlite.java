package dev.litestreamagent.cli;

import dev.litestreamagent.fs.CacheDirectory;
import dev.litestreamagent.fs.OwnedDirectory;
import dev.litestreamagent.verify.SqliteConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * sqlite-jdbc in a class loader of its own. It cannot be relocated (its JNI names are fixed) and
 * the agent jar shares the application's class path, so it travels as a nested jar that only
 * verify loads, with the platform class loader as parent: the application never sees it, and
 * its own sqlite-jdbc (any version) never meets this one.
 */
final class IsolatedSqlite implements SqliteConnector {
    static final String NESTED_JAR = "META-INF/litestream-agent/lib/sqlite-jdbc.jar";
    private static final String DRIVER = "org.sqlite.JDBC";
    private static final String LIBRARY_LOADER_UTIL = "org.sqlite.util.LibraryLoaderUtil";
    private static final String LIB_PATH = "org.sqlite.lib.path";
    private static final String LIB_NAME = "org.sqlite.lib.name";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** One per JVM: every loader extracts and loads its own copy of the native library. */
    private static IsolatedSqlite shared;

    private final Driver driver;

    private IsolatedSqlite(Driver driver) {
        this.driver = driver;
    }

    static synchronized IsolatedSqlite shared() throws IOException {
        if (shared == null) {
            Path cacheDir = cacheDir();
            shared = load(cacheDir == null ? tempCopy() : cachedCopy(cacheDir), cacheDir);
        }
        return shared;
    }

    @Override
    public Connection open(Path database) throws SQLException {
        return driver.connect("jdbc:sqlite:" + database, new Properties());
    }

    private static IsolatedSqlite load(Path jar, Path cacheDir) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            Driver driver = (Driver) Class.forName(DRIVER, true, loader).getDeclaredConstructor().newInstance();
            if (cacheDir != null) {
                loadCachedNativeLibrary(driver, loader, jar, cacheDir);
            }
            return new IsolatedSqlite(driver);
        } catch (ReflectiveOperationException | LinkageError | SQLException e) {
            loader.close();
            throw new IOException("cannot load " + DRIVER + " from " + jar + ": " + e, e);
        }
    }

    /**
     * Left to itself, sqlite-jdbc extracts its native library into the temp directory under a new name
     * at every start and compares it byte by byte with the resource: ~0.5-1 s of each verify. Here the
     * library is kept in the cache and handed to sqlite-jdbc's loader through {@code org.sqlite.lib.path}
     * and {@code org.sqlite.lib.name}, set only while one in-memory connection loads it (another sqlite-jdbc
     * in this JVM, as in tests, must not load the same file: a native library binds to one class loader).
     * A platform the jar has no library for, or a user's own setting, leaves sqlite-jdbc's way alone.
     */
    private static void loadCachedNativeLibrary(Driver driver, ClassLoader loader, Path jar, Path cacheDir)
            throws IOException, ReflectiveOperationException, SQLException {
        if (System.getProperty(LIB_PATH) != null || System.getProperty(LIB_NAME) != null) {
            return;
        }
        Class<?> util = Class.forName(LIBRARY_LOADER_UTIL, true, loader);
        String name = (String) util.getMethod("getNativeLibName").invoke(null);
        String entryName = ((String) util.getMethod("getNativeLibResourcePath").invoke(null)).replaceFirst("^/", "") + "/" + name;
        Path library;
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            JarEntry entry = jarFile.getJarEntry(entryName);
            if (entry == null) {
                return;
            }
            library = CachedFile.ensure(cacheDir, "sqlite-jdbc-" + Long.toHexString(entry.getCrc()) + "-" + name,
                    entry.getCrc(), () -> jarFile.getInputStream(entry));
        }
        System.setProperty(LIB_PATH, library.getParent().toString());
        System.setProperty(LIB_NAME, library.getFileName().toString());
        try {
            driver.connect("jdbc:sqlite::memory:", new Properties()).close();
        } finally {
            System.clearProperty(LIB_PATH);
            System.clearProperty(LIB_NAME);
        }
    }

    /** The nested jar in the cache, named by its CRC-32 (read from the agent jar's directory, not computed). */
    private static Path cachedCopy(Path cacheDir) throws IOException {
        URL resource = resource();
        URLConnection connection = resource.openConnection();
        long crc = connection instanceof JarURLConnection
                ? ((JarURLConnection) connection).getJarEntry().getCrc()
                : CachedFile.crc32(readAll(resource)); // a class directory, as in this module's tests
        return CachedFile.ensure(cacheDir, "sqlite-jdbc-" + Long.toHexString(crc) + ".jar", crc, resource::openStream);
    }

    /** Without a usable cache: a copy for this JVM alone. */
    private static Path tempCopy() throws IOException {
        Path temp = Files.createTempFile("litestream-agent-sqlite-jdbc-", ".jar",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        temp.toFile().deleteOnExit();
        Files.write(temp, readAll(resource()));
        return temp;
    }

    private static URL resource() throws IOException {
        ClassLoader loader = IsolatedSqlite.class.getClassLoader();
        URL resource = loader == null ? ClassLoader.getSystemResource(NESTED_JAR) : loader.getResource(NESTED_JAR);
        if (resource == null) {
            throw new IOException(NESTED_JAR + " is missing from the agent jar; verify needs it (rebuild the agent)");
        }
        return resource;
    }

    private static byte[] readAll(URL resource) throws IOException {
        try (InputStream in = resource.openStream()) {
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
}
