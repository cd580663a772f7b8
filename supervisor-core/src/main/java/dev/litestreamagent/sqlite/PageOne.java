package dev.litestreamagent.sqlite;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the schema state from the start of page 1: the 100-byte database header followed by the
 * b-tree page header of sqlite_master's root (https://www.sqlite.org/fileformat2.html).
 */
final class PageOne {
    /** The header, plus the page type and cell count of sqlite_master's root page. */
    static final int BYTES_NEEDED = 105;

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SCHEMA_COOKIE = 40;
    private static final int TABLE_LEAF = 0x0D;
    private static final int TABLE_INTERIOR = 0x05;

    private PageOne() {
    }

    /** Reads {@link #BYTES_NEEDED} bytes from {@code page} at {@code offset} (absolute, buffer unchanged). */
    static ProbeResult read(ByteBuffer page, int offset) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (page.get(offset + i) != MAGIC[i]) {
                return notSqlite("does not start with 'SQLite format 3' (starts with " + printable(page, offset) + ")");
            }
        }
        int pageSize = Short.toUnsignedInt(page.getShort(offset + 16));
        if (pageSize != 1 && (pageSize < 512 || Integer.bitCount(pageSize) != 1)) {
            return notSqlite("page size " + pageSize + " in the header, expected a power of two from 512 to 65536");
        }
        long cookie = Integer.toUnsignedLong(page.getInt(offset + SCHEMA_COOKIE));
        int type = Byte.toUnsignedInt(page.get(offset + 100));
        if (type == TABLE_INTERIOR) {
            return new ProbeResult(SchemaState.HAS_SCHEMA, "sqlite_master spans more than one page", cookie);
        }
        if (type != TABLE_LEAF) {
            return notSqlite(String.format("page 1 has b-tree page type 0x%02x, expected 0x0d or 0x05", type));
        }
        int cells = Short.toUnsignedInt(page.getShort(offset + 103));
        return cells == 0
                ? new ProbeResult(SchemaState.EMPTY, "no entries in sqlite_master")
                : new ProbeResult(SchemaState.HAS_SCHEMA, cells + (cells == 1 ? " entry" : " entries") + " in sqlite_master",
                        cookie);
    }

    private static ProbeResult notSqlite(String detail) {
        return new ProbeResult(SchemaState.NOT_SQLITE, detail);
    }

    private static String printable(ByteBuffer page, int offset) {
        StringBuilder text = new StringBuilder("'");
        for (int i = 0; i < MAGIC.length; i++) {
            int b = Byte.toUnsignedInt(page.get(offset + i));
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return text.append('\'').toString();
    }
}
