package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import webtalk.support.RunsAlone;

/**
 * A stopping process's JIT compiler threads go to nice 19 (bench/analysis.md, issue #16); checked in
 * a JVM of its own, since the threads of the JVM that runs it would stay that way for every test after.
 */
@RunsAlone
class CompilersAtStopIT {

    @Test
    void theCompilerThreadsOfAStoppingProcessGoToTheLowestPriority() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "not Linux: nothing is done there");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) || Files.isExecutable(Path.of("/bin/renice")),
                "no renice on this machine (util-linux / bsdutils): the stop leaves the compilers as they are");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CompilersAtStopProbe.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM ended");
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), output);
        List<String> compilers = output.lines().filter(line -> line.startsWith("compiler ")).toList();
        assertFalse(compilers.isEmpty(), "HotSpot names its JIT threads C1/C2 CompilerThread: " + output);
        for (String line : compilers) {
            assertTrue(line.endsWith(" nice 19"), output);
        }
    }
}
