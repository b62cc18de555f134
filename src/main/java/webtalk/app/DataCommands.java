package webtalk.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import webtalk.store.DatabaseBackup;
import webtalk.store.sqlite.SqliteBackup;
import webtalk.store.StoreException;

/**
 * {@code Main backup FILE} and {@code Main restore FILE}: one line of output each, exit 0 on
 * success, 1 (and one line saying why) on failure. A backup works while a server runs on the same
 * DATA_DIR: it opens the database read-only and takes no lock (see {@link SqliteBackup}). A
 * restore replaces {@code DATA_DIR/webtalk.db}, so it refuses while a server holds DATA_DIR, and it
 * keeps the database it replaces (with its -wal/-shm) beside it, renamed, rather than deleting it.
 */
final class DataCommands {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dataDir;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    DataCommands(Path dataDir, Clock clock, PrintStream out, PrintStream err) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    int backup(Path target) {
        try {
            DatabaseBackup.Copy copy = new SqliteBackup(dataDir).copyTo(target);
            out.println("backup written: " + copy.file() + " (" + copy.bytes() + " bytes, " + copy.messages()
                    + " messages, integrity ok)");
            return 0;
        } catch (StoreException e) {
            err.println("backup failed: " + e.getMessage());
            return 1;
        }
    }

    int restore(Path source) {
        Path file = source.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            err.println("restore failed: " + file + " is not a file");
            return 1;
        }
        long messages;
        try {
            messages = SqliteBackup.check(file);
        } catch (StoreException e) {
            err.println("restore failed: " + e.getMessage());
            return 1;
        }
        try (DataDirLock ignored = DataDirLock.acquire(dataDir)) {
            Path database = dataDir.resolve("webtalk.db");
            Path incoming = dataDir.resolve("webtalk.db.restaurando");
            Files.copy(file, incoming, StandardCopyOption.REPLACE_EXISTING);
            String kept = "";
            if (Files.exists(database)) {
                Path previous = dataDir.resolve("webtalk.db.antes-da-restauracao-" + FILE_TIME.format(clock.instant().atZone(ZoneId.systemDefault())));
                // The -wal may hold commits not yet in the main file: it travels with it, and must not meet the restored one.
                Files.move(database, previous);
                for (String suffix : new String[] {"-wal", "-shm"}) {
                    Path side = dataDir.resolve("webtalk.db" + suffix);
                    if (Files.exists(side)) {
                        Files.move(side, previous.resolveSibling(previous.getFileName() + suffix));
                    }
                }
                kept = "; the previous database is kept as " + previous;
            }
            Files.move(incoming, database, StandardCopyOption.ATOMIC_MOVE);
            out.println("restored " + file + " as " + database + " (" + messages + " messages)" + kept);
            return 0;
        } catch (StartupException e) {
            err.println("restore refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("restore failed: " + e);
            return 1;
        }
    }
}
