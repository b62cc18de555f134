package webtalk.store;

import java.nio.file.Path;

/**
 * A consistent copy of the whole database, taken while the server runs. Guarantee: the copy holds
 * every write committed before {@link #copyTo} began, and passed an integrity check before it
 * returned; writers are not blocked while it is made.
 */
public interface DatabaseBackup {

    /** What a backup wrote. */
    record Copy(Path file, long bytes, long messages) {
    }

    /**
     * Writes the copy to {@code target}, which must not exist yet.
     *
     * @throws StoreException if the copy cannot be made or fails its integrity check (nothing is left at {@code target})
     */
    Copy copyTo(Path target);
}
