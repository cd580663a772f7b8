package dev.litestreamagent.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Maps the {@code jdbc:sqlite:} URLs sqlite-jdbc accepts to the database file they open.
 * Only URLs that name a file on disk can be replicated: in-memory and class-path databases are rejected.
 */
public final class JdbcUrls {
    private static final String PREFIX = "jdbc:sqlite:";

    private JdbcUrls() {
    }

    /**
     * {@code jdbc:sqlite:/abs.db}, {@code jdbc:sqlite:rel.db}, {@code jdbc:sqlite:file:/abs.db?mode=rwc},
     * {@code jdbc:sqlite:file:rel.db}, {@code jdbc:sqlite:file:///abs.db}; query parameters are dropped and
     * relative paths resolved against {@code workingDirectory}, as the application's own connection would.
     * A {@code file:} URI is read as SQLite reads it: its {@code #fragment} and percent escapes are not part
     * of the file name. A plain name is taken as it is, {@code #} and {@code %} included.
     *
     * @return the absolute, normalized path of the database file
     * @throws IllegalArgumentException naming the URL and what is expected
     */
    public static Path toPath(String url, Path workingDirectory) {
        if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw invalid(url, "not a SQLite JDBC URL");
        }
        String rest = url.substring(PREFIX.length());
        // Case-sensitive like sqlite-jdbc's test: "FILE:x" reaches SQLite as a plain path under the working directory.
        boolean uri = rest.startsWith("file:");
        int fragment = uri ? rest.indexOf('#') : -1;
        if (fragment >= 0) {
            rest = rest.substring(0, fragment); // parameters after the # are in the fragment too
        }
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        String location = query < 0 ? rest : rest.substring(0, query);
        for (String param : params.split("&")) {
            if (param.trim().toLowerCase(Locale.ROOT).equals("mode=memory")) {
                throw invalid(url, "an in-memory database (mode=memory) has no file to replicate");
            }
        }
        if (uri) {
            location = fileUriPath(url, location.substring(5));
        }
        if (location.startsWith(":memory:")) {
            throw invalid(url, "an in-memory database has no file to replicate");
        }
        if (location.startsWith(":resource:")) {
            throw invalid(url, "a class-path resource database is read-only and cannot be replicated");
        }
        if (location.trim().isEmpty()) {
            throw invalid(url, "the URL names no database file (sqlite-jdbc would open a temporary in-memory one)");
        }
        try {
            return workingDirectory.resolve(Paths.get(location)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(url, "not a valid file path: " + e.getReason());
        }
    }

    /** The path part of a SQLite URI filename ({@code //localhost/x}, {@code ///x}, {@code /x}, {@code x}), percent-decoded. */
    private static String fileUriPath(String url, String uriPath) {
        String path = uriPath;
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
            if (!authority.isEmpty() && !authority.equals("localhost")) { // SQLite rejects "LOCALHOST" too
                throw invalid(url, "a local file (the authority of a file: URI must be empty or localhost, was \""
                        + authority + "\")");
            }
            path = slash < 0 ? "" : path.substring(slash);
        }
        return percentDecode(path);
    }

    /** As SQLite decodes a URI path: %XX (two hex digits) is that byte, any other % is itself, and %00 ends the path. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int high = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
            int low = high < 0 ? -1 : Character.digit(bytes[i + 2], 16);
            if (low < 0) {
                out.write(bytes[i]);
            } else if (high == 0 && low == 0) {
                break;
            } else {
                out.write(high * 16 + low);
                i += 2;
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    static final String EXPECTED = "jdbc:sqlite:<file path> or jdbc:sqlite:file:<file path>[?params]";

    private static InvalidUrl invalid(String url, String why) {
        return new InvalidUrl(url, why);
    }

    /** Keeps the reason apart so a configuration problem can name it without repeating the URL. */
    static final class InvalidUrl extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String reason;

        InvalidUrl(String url, String reason) {
            super("JDBC URL \"" + url + "\": " + reason + "; expected " + EXPECTED);
            this.reason = reason;
        }
    }
}
