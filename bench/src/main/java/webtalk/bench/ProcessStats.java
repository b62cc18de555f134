package webtalk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of other processes, read from /proc (Linux): one server, or the
 * nodes of a cluster together (their sums).
 */
final class ProcessStats {

    /** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long[] pids;

    ProcessStats(long... pids) {
        this.pids = pids.clone();
    }

    /** {@code --pid 123} or, for the nodes of a cluster, {@code --pid 123,124,125}. */
    static ProcessStats of(String pids) {
        return new ProcessStats(java.util.Arrays.stream(pids.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray());
    }

    /** User + system CPU seconds used so far. */
    double cpuSeconds() {
        double[] split = cpuUserAndSystem();
        return split[0] + split[1];
    }

    /** User and system (kernel) CPU seconds used so far, in that order. */
    double[] cpuUserAndSystem() {
        double[] total = {0, 0};
        for (long pid : pids) {
            double[] one = cpuUserAndSystem(pid);
            total[0] += one[0];
            total[1] += one[1];
        }
        return total;
    }

    /** Resident set size in bytes. */
    long rssBytes() {
        long total = 0;
        for (long pid : pids) {
            total += rssBytes(pid);
        }
        return total;
    }

    private static double[] cpuUserAndSystem(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name (field 2) may contain spaces; fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return new double[] {utime / TICKS_PER_SECOND, stime / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e.getMessage(), e);
        }
    }

    private static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e.getMessage(), e);
        }
    }
}
