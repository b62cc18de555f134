package webtalk.app;

import java.lang.management.ManagementFactory;
import webtalk.config.Settings;

/**
 * How many Socket.IO connections this process may hold in all. Every connection is an open file;
 * a process that runs out of them cannot open the database's WAL or accept an admin's request, so
 * the last connections are refused (HTTP 503) before that happens, never the message path.
 */
final class ConnectionCeiling {

    /** Open files kept for the database, the jar, logs and HTTP requests that are not Socket.IO. */
    static final long RESERVED_FILES = 512;
    /** Where the process cannot tell its limit (not Unix): a ceiling a small VPS can hold. */
    static final int FALLBACK = 10_000;

    private ConnectionCeiling() {
    }

    /** @param configured MAX_CONNECTIONS: {@link Settings.Budgets#AUTOMATIC}, 0 (no limit) or a number */
    static int of(int configured) {
        if (configured != Settings.Budgets.AUTOMATIC) {
            return configured;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long files = unix.getMaxFileDescriptorCount();
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, files - RESERVED_FILES));
        }
        return FALLBACK;
    }
}
