package dev.litestreamagent.binary;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Takes the {@code litestream} executable out of a release archive (tar.gz or zip). Only that one
 * file is written, to a path the caller chose; an archive with absolute or {@code ..} entry names
 * is refused outright, since no genuine release has them.
 */
final class ArchiveExtractor {
    static final String BINARY_NAME = "litestream";

    private ArchiveExtractor() {
    }

    static void extractBinary(Path archive, boolean zip, Path target) throws IOException {
        boolean found;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            found = zip ? fromZip(in, target) : fromTarGz(in, target);
        }
        if (!found) {
            throw new IOException("archive " + archive.getFileName() + " has no file named " + BINARY_NAME);
        }
    }

    private static boolean fromTarGz(InputStream in, Path target) throws IOException {
        TarReader tar = new TarReader(new GZIPInputStream(in));
        boolean found = false;
        for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            checkName(entry.name());
            if (!found && entry.isRegularFile() && isBinary(entry.name())) {
                Files.copy(tar.content(), target, StandardCopyOption.REPLACE_EXISTING);
                found = true;
            }
        }
        return found;
    }

    private static boolean fromZip(InputStream in, Path target) throws IOException {
        boolean found = false;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                checkName(entry.getName());
                if (!found && !entry.isDirectory() && isBinary(entry.getName())) {
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    found = true;
                }
            }
        }
        return found;
    }

    /** {@code litestream} at the top or in one folder, as releases have it. */
    private static boolean isBinary(String name) {
        String trimmed = name.startsWith("./") ? name.substring(2) : name;
        return trimmed.equals(BINARY_NAME) || trimmed.endsWith("/" + BINARY_NAME) && trimmed.indexOf('/') == trimmed.lastIndexOf('/');
    }

    static void checkName(String name) throws IOException {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.equals("..") || n.startsWith("../") || n.contains("/../") || n.endsWith("/..")
                || (n.length() > 1 && n.charAt(1) == ':')) {
            throw new IOException("archive entry \"" + name + "\" points outside the archive (path traversal); refused");
        }
    }
}
