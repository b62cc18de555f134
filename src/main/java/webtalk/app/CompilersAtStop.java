package webtalk.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a stop, the JIT's compiler threads give the core to the stop. Closing thousands of sessions
 * runs code the process never ran that often (the close path, the disconnect listeners), so the
 * JIT compiles it while the stop runs: on one core, a C2 compiler thread took 480 ms of a 1 s stop
 * under 5,000 clients, and the stop is the part of a restart before anything listens again (issue
 * #16). Code compiled now can never pay off, so the compiler threads are set to the lowest
 * priority (nice 19) for the process's last moments; they still finish, only after the stop's work.
 *
 * <p>Linux only (the threads are found in {@code /proc/self/task}, and set with {@code renice},
 * which every distribution ships); elsewhere, or if anything fails, the stop goes on as before.
 * Only for the process's own stop (its shutdown hook): an embedding JVM that closes a server and
 * goes on running must keep its compilers.
 */
final class CompilersAtStop {

    private static final Logger LOG = LoggerFactory.getLogger(CompilersAtStop.class);
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path RENICE = Path.of("/usr/bin/renice");
    /** Long enough for renice to start and finish; the stop does not wait longer for it. */
    private static final long WAIT_MILLIS = 200;

    private CompilersAtStop() {
    }

    static void yieldTheCore() {
        try {
            List<String> compilers = compilerThreads();
            if (compilers.isEmpty()) {
                return;
            }
            // Its usual place first: a PATH lookup tries each directory with an exec of its own.
            String renice = Files.isExecutable(RENICE) ? RENICE.toString() : "renice";
            List<String> command = new ArrayList<>(List.of(renice, "-n", "19", "-p"));
            command.addAll(compilers);
            Process running = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!running.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.debug("renice of the compiler threads still running after {} ms; the stop goes on", WAIT_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("compiler threads left at their priority: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thread ids of the JIT's compiler threads ("C1 CompilerThre", "C2 CompilerThre" in HotSpot), on Linux. */
    static List<String> compilerThreads() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(TASKS)) {
            return ids;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        ids.add(task.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ids;
    }
}
