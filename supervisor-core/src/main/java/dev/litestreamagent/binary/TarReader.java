package dev.litestreamagent.binary;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader for ustar/GNU/pax tar streams: entry names (including GNU long names and pax
 * {@code path} records), sizes and types, and the content of the current entry. Enough for a
 * release archive; no dependency needed.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    Entry next() throws IOException {
        skipFully(remaining + padding);
        String longName = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            if (!readBlock(header) || isZero(header)) {
                return null;
            }
            long size = parseSize(header);
            char type = (char) header[156];
            if (type == 'L' || type == 'x') {
                String data = new String(readData(size), StandardCharsets.UTF_8);
                longName = type == 'L' ? trimNul(data) : paxPath(data, longName);
                continue;
            }
            String name = longName != null ? longName : headerName(header);
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new Entry(name, type, size);
        }
    }

    /** The current entry's bytes; valid until the next call to {@link #next()}. */
    InputStream content() {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar entry truncated");
                }
                remaining -= n;
                return n;
            }

            @Override
            public void close() {
                // The archive stream stays open for the next entry.
            }
        };
    }

    private byte[] readData(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header of " + size + " bytes; refused");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("tar extended header truncated");
        }
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    private static String paxPath(String records, String fallback) {
        // Records are "<length> <key>=<value>\n".
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return fallback;
    }

    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = field(header, 257, 5).equals("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static long parseSize(byte[] header) throws IOException {
        if ((header[124] & 0x80) != 0) {
            // GNU base-256 for sizes of 8 GiB and more: far beyond any release archive.
            throw new IOException("tar entry larger than 8 GiB; refused");
        }
        String octal = field(header, 124, 12).trim();
        try {
            return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (bad size field \"" + octal + "\")");
        }
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("tar archive truncated");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void skipFully(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive truncated");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        remaining = 0;
        padding = 0;
    }

    static final class Entry {
        private final String name;
        private final char type;
        private final long size;

        Entry(String name, char type, long size) {
            this.name = name;
            this.type = type;
            this.size = size;
        }

        String name() {
            return name;
        }

        long size() {
            return size;
        }

        /** Type '0' or the old NUL type; links, directories and devices are not files. */
        boolean isRegularFile() {
            return type == '0' || type == '\0';
        }
    }
}
