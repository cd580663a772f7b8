package dev.litestreamagent.sqlite;

import java.nio.ByteBuffer;

/**
 * SQLite's WAL checksum: two 32-bit sums over the data read as 32-bit words, cumulative from the
 * header through every frame. Words are big-endian when the WAL's magic is 0x377f0683 and
 * little-endian when it is 0x377f0682; the caller passes a buffer in that order.
 */
final class WalChecksum {
    /** The two sums, as stored (big-endian) after the data they cover. */
    final int first;
    final int second;

    WalChecksum(int first, int second) {
        this.first = first;
        this.second = second;
    }

    static WalChecksum start() {
        return new WalChecksum(0, 0);
    }

    /** Continues this checksum over {@code length} bytes (a multiple of 8) at {@code offset} of {@code data}. */
    WalChecksum over(ByteBuffer data, int offset, int length) {
        int s0 = first;
        int s1 = second;
        for (int i = offset; i < offset + length; i += 8) {
            s0 += data.getInt(i) + s1;
            s1 += data.getInt(i + 4) + s0;
        }
        return new WalChecksum(s0, s1);
    }

    /** Whether this checksum equals the two big-endian words stored at {@code offset} of {@code stored}. */
    boolean matches(ByteBuffer stored, int offset) {
        return stored.getInt(offset) == first && stored.getInt(offset + 4) == second;
    }
}
