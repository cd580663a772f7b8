package dev.litestreamagent.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A real {@code -wal} file's bytes, edited to build the cases SQLite does not leave behind on demand. */
final class WalBytes {
    private static final int FRAME_HEADER = 24;

    private final ByteBuffer bytes;

    private WalBytes(byte[] bytes) {
        this.bytes = ByteBuffer.wrap(bytes);
    }

    static WalBytes of(Path wal) throws IOException {
        return new WalBytes(Files.readAllBytes(wal));
    }

    int pageSize() {
        return bytes.getInt(8);
    }

    private int frameBytes() {
        return FRAME_HEADER + pageSize();
    }

    /** Whole frames in the file, whatever their salts. */
    int frames() {
        return (bytes.capacity() - WalHeader.BYTES) / frameBytes();
    }

    private int frameAt(int frame) {
        return WalHeader.BYTES + frame * frameBytes();
    }

    int pageNumber(int frame) {
        return bytes.getInt(frameAt(frame));
    }

    boolean hasHeaderSalts(int frame) {
        return bytes.getInt(frameAt(frame) + 8) == bytes.getInt(16) && bytes.getInt(frameAt(frame) + 12) == bytes.getInt(20);
    }

    /** Indexes of the frames that hold page 1. */
    List<Integer> pageOneFrames() {
        List<Integer> frames = new ArrayList<>();
        for (int frame = 0; frame < frames(); frame++) {
            if (pageNumber(frame) == 1) {
                frames.add(frame);
            }
        }
        return frames;
    }

    int lastFrame() {
        return frames() - 1;
    }

    void setCommitSize(int frame, int pages) {
        bytes.putInt(frameAt(frame) + 4, pages);
    }

    void flipPageByte(int frame, int offsetInPage) {
        int at = frameAt(frame) + FRAME_HEADER + offsetInPage;
        bytes.put(at, (byte) ~bytes.get(at));
    }

    /** Switches the checksum word order (the magic's low bit) and recomputes every checksum after an edit. */
    void rechecksum(ByteOrder order) {
        bytes.putInt(0, order == ByteOrder.BIG_ENDIAN ? 0x377f0683 : 0x377f0682);
        ByteBuffer words = bytes.duplicate().order(order);
        WalChecksum checksum = WalChecksum.start().over(words, 0, 24);
        put(checksum, 24);
        for (int frame = 0; frame < frames(); frame++) {
            int at = frameAt(frame);
            checksum = checksum.over(words, at, 8).over(words, at + FRAME_HEADER, pageSize());
            put(checksum, at + 16);
        }
    }

    private void put(WalChecksum checksum, int offset) {
        bytes.putInt(offset, checksum.first);
        bytes.putInt(offset + 4, checksum.second);
    }

    /** Writes the bytes, cut to {@code length}. */
    void write(Path wal, int length) throws IOException {
        Files.write(wal, Arrays.copyOf(bytes.array(), length));
    }

    void write(Path wal) throws IOException {
        write(wal, bytes.capacity());
    }

    int size() {
        return bytes.capacity();
    }
}
