package webtalk.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One DATA_DIR, one server: an OS lock on {@code DATA_DIR/webtalk.lock}, taken before anything in
 * the directory is opened and held until {@link #close()} (or the process's end: the OS releases it
 * even after a SIGKILL, so a crash never leaves a stale lock). Two servers on one SQLite file would
 * each keep their own rooms' members and published ids, so neither's members would see the other's
 * messages live, while both answered as if all were well; the second is refused instead. The lock file holds the owner's pid, for the refusal's message only.
 * Also where a DATA_DIR that cannot be used is told in one sentence.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE = "webtalk.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StartupException if the directory is unusable or another WebTalk holds it */
    static DataDirLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StartupException("DATA_DIR " + dir + " is a file, not a directory — set DATA_DIR to a directory"
                    + " (it is created if missing)", null);
        }
        if (!Files.exists(dir)) {
            Path parent = dir.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StartupException("DATA_DIR " + dir + " cannot be created: its parent " + parent
                        + " does not exist — create it, or fix DATA_DIR", null);
            }
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                throw notWritable(dir, e);
            }
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StartupException("DATA_DIR " + dir + " is in use by another WebTalk (pid " + owner(channel)
                        + "?) — stop it or choose another DATA_DIR", null);
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw notWritable(dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Null if held elsewhere: by another process, or by another start in this JVM. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            String pid = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,19}") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static StartupException notWritable(Path dir, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.toString() : e.getMessage();
        return new StartupException("DATA_DIR " + dir + " is not writable (" + why + ") — let the user running WebTalk"
                + " write there, or choose another DATA_DIR", e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held yet
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
