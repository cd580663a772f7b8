package dev.litestreamagent.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Tells whether a database has a schema yet (any entry in sqlite_master) by reading its files, not
 * through SQLite: a second SQLite library in the host process would share its POSIX locks with the
 * application's. Page 1 holds sqlite_master's root, so page 1 as last committed decides: from the
 * {@code -wal} file when a committed transaction there wrote it, else from the database file.
 *
 * <p>Cheap enough to poll: a stat, the WAL header and the frames appended since the last call
 * (see {@link WalScan}), and 105 bytes of the database file. The database file is read through a
 * channel that is never closed ({@link PinnedFiles}). Safe for use from several threads.
 */
public final class SchemaProbe {
    /** SQLite's smallest page; a shorter non-empty file is not a database. */
    private static final int MIN_PAGE_SIZE = 512;

    private final Path database;
    private final Path journal;
    private final WalScan wal;

    private SchemaProbe(Path database) {
        this.database = database;
        this.journal = Paths.get(database + "-journal");
        this.wal = new WalScan(Paths.get(database + "-wal"));
    }

    public static SchemaProbe of(Path database) {
        return new SchemaProbe(database.toAbsolutePath().normalize());
    }

    public Path database() {
        return database;
    }

    /** The schema state as last committed; {@link SchemaState#UNKNOWN} with the error when a file cannot be read. */
    public synchronized ProbeResult probe() {
        try {
            return read();
        } catch (IOException e) {
            return new ProbeResult(SchemaState.UNKNOWN, "cannot read it: " + e);
        }
    }

    private ProbeResult read() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(database, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new ProbeResult(SchemaState.MISSING, "no file");
        }
        if (!attributes.isRegularFile()) {
            return new ProbeResult(SchemaState.NOT_SQLITE, "not a regular file");
        }
        // The WAL first: a checkpoint only moves pages from it to the database file, so reading in
        // this order never pairs a newer WAL with an older database file.
        Optional<ProbeResult> fromWal = wal.latestPageOne();
        if (fromWal.isPresent()) {
            return fromWal.get();
        }
        if (RollbackJournal.holdsUncommittedWrite(journal)) {
            return new ProbeResult(SchemaState.UNKNOWN, "a write transaction is under way or must be rolled back ("
                    + journal.getFileName() + " is live)");
        }
        return readDatabaseFile();
    }

    private ProbeResult readDatabaseFile() throws IOException {
        FileChannel channel = PinnedFiles.channel(database);
        long size = channel.size();
        if (size == 0) {
            return new ProbeResult(SchemaState.EMPTY, "empty file");
        }
        if (size < MIN_PAGE_SIZE) {
            return new ProbeResult(SchemaState.NOT_SQLITE,
                    size + " bytes, shorter than the smallest SQLite page (" + MIN_PAGE_SIZE + ")");
        }
        ByteBuffer start = ByteBuffer.allocate(PageOne.BYTES_NEEDED);
        if (!FileReads.readFully(channel, start, 0)) {
            return new ProbeResult(SchemaState.UNKNOWN, "the file shrank while being read");
        }
        return PageOne.read(start, 0);
    }
}
