package dev.litestreamagent.sqlite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** The 32-byte header of a {@code -wal} file; a generation of the WAL is one header (its salts). */
final class WalHeader {
    static final int BYTES = 32;

    private static final int MAGIC_LITTLE_ENDIAN = 0x377f0682;
    private static final int MAGIC_BIG_ENDIAN = 0x377f0683;
    private static final int FORMAT_VERSION = 3007000;

    private final ByteOrder checksumOrder;
    private final int pageSize;
    private final int salt1;
    private final int salt2;
    private final WalChecksum checksum;

    private WalHeader(ByteOrder checksumOrder, int pageSize, int salt1, int salt2, WalChecksum checksum) {
        this.checksumOrder = checksumOrder;
        this.pageSize = pageSize;
        this.salt1 = salt1;
        this.salt2 = salt2;
        this.checksum = checksum;
    }

    /** The header in {@code bytes} (big-endian, 32 bytes at 0), empty unless magic, version, page size and checksum hold. */
    static Optional<WalHeader> parse(ByteBuffer bytes) {
        int magic = bytes.getInt(0);
        if (magic != MAGIC_LITTLE_ENDIAN && magic != MAGIC_BIG_ENDIAN) {
            return Optional.empty();
        }
        ByteOrder order = magic == MAGIC_BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int pageSize = bytes.getInt(8);
        if (bytes.getInt(4) != FORMAT_VERSION || pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            return Optional.empty();
        }
        WalChecksum checksum = WalChecksum.start().over(bytes.duplicate().order(order), 0, 24);
        if (!checksum.matches(bytes, 24)) {
            return Optional.empty();
        }
        return Optional.of(new WalHeader(order, pageSize, bytes.getInt(16), bytes.getInt(20), checksum));
    }

    ByteOrder checksumOrder() {
        return checksumOrder;
    }

    int pageSize() {
        return pageSize;
    }

    /** The checksum the first frame continues from. */
    WalChecksum checksum() {
        return checksum;
    }

    /** Whether a frame header (big-endian, at {@code offset}) carries this generation's salts. */
    boolean ownsFrame(ByteBuffer frames, int offset) {
        return frames.getInt(offset + 8) == salt1 && frames.getInt(offset + 12) == salt2;
    }

    /** Same generation: a frame valid under one header is valid under the other. */
    boolean sameGeneration(WalHeader other) {
        return other != null && other.salt1 == salt1 && other.salt2 == salt2 && other.pageSize == pageSize
                && other.checksumOrder.equals(checksumOrder);
    }
}
