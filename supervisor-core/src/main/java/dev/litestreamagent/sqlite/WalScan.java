package dev.litestreamagent.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Page 1 as the last committed transaction in a {@code -wal} file left it. A frame counts when it
 * carries the header's salts and the checksum chain holds up to it; page 1 counts when a commit
 * frame follows it in that chain. Frames of an earlier generation (other salts), a torn frame
 * (broken chain) and the frames of a transaction not yet committed are ignored, as SQLite's own
 * recovery ignores them.
 *
 * <p>Cost: the chain covers every byte of every frame, so checking it means reading the whole WAL,
 * not just page-1 frames. Reading only frame headers would miss a torn commit frame (its header
 * written, its page not), so the chain is checked, once: the scan remembers where the last commit
 * frame it verified ends, and the next call resumes there while the salts are unchanged. A growing
 * WAL costs only its new frames; a new generation is read once from the start. Not thread-safe.
 *
 * <p>Opening and closing the WAL each time is safe for the application's SQLite in this process:
 * SQLite holds no POSIX locks on the {@code -wal} file (WAL locks live in {@code -shm}).
 */
final class WalScan {
    private static final int FRAME_HEADER = 24;
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path wal;
    private WalHeader header;
    /** End of the last commit frame verified, and the chain's checksum there. */
    private long committedEnd;
    private WalChecksum committedChecksum;
    /** Page 1 as of that commit; null when no committed transaction in this generation wrote it. */
    private ProbeResult committedPageOne;

    WalScan(Path wal) {
        this.wal = wal;
    }

    /** Page 1 as committed in the WAL, or empty when the WAL is absent, invalid or has no committed page 1. */
    Optional<ProbeResult> latestPageOne() throws IOException {
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer headerBytes = ByteBuffer.allocate(WalHeader.BYTES);
            Optional<WalHeader> current = FileReads.readFully(channel, headerBytes, 0)
                    ? WalHeader.parse(headerBytes) : Optional.empty();
            if (!current.isPresent()) {
                header = null;
                return Optional.empty();
            }
            if (!current.get().sameGeneration(header) || size < committedEnd) {
                header = current.get();
                committedEnd = WalHeader.BYTES;
                committedChecksum = header.checksum();
                committedPageOne = null;
            }
            scanFrom(channel, size);
            return Optional.ofNullable(committedPageOne);
        } catch (NoSuchFileException noWal) {
            header = null;
            return Optional.empty();
        }
    }

    private void scanFrom(FileChannel channel, long size) throws IOException {
        int pageSize = header.pageSize();
        int frameBytes = FRAME_HEADER + pageSize;
        long position = committedEnd;
        WalChecksum checksum = committedChecksum;
        ProbeResult pendingPageOne = null;
        ByteBuffer chunk = null;
        while (size - position >= frameBytes) {
            int frames = (int) Math.min(Math.max(1, CHUNK_BYTES / frameBytes), (size - position) / frameBytes);
            if (chunk == null) {
                chunk = ByteBuffer.allocate(frames * frameBytes);
            }
            chunk.clear().limit(frames * frameBytes);
            if (!FileReads.readFully(channel, chunk, position)) {
                return;
            }
            ByteBuffer words = chunk.duplicate().order(header.checksumOrder());
            for (int at = 0; at < frames * frameBytes; at += frameBytes) {
                if (!header.ownsFrame(chunk, at)) {
                    return;
                }
                checksum = checksum.over(words, at, 8).over(words, at + FRAME_HEADER, pageSize);
                if (!checksum.matches(chunk, at + 16)) {
                    return;
                }
                if (chunk.getInt(at) == 1) {
                    pendingPageOne = PageOne.read(chunk, at + FRAME_HEADER);
                }
                position += frameBytes;
                boolean commitFrame = chunk.getInt(at + 4) != 0;
                if (commitFrame) {
                    committedEnd = position;
                    committedChecksum = checksum;
                    if (pendingPageOne != null) {
                        committedPageOne = pendingPageOne;
                        pendingPageOne = null;
                    }
                }
            }
        }
    }
}
