package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs bench/test/test_report.py (report.py on sample RESULT lines) with the build, so CI checks the report too. */
class ReportScriptTest {

    @Test
    void reportScriptTestsPass() throws Exception {
        assumeTrue(new File("/usr/bin/python3").canExecute(), "python3 is not installed");
        Process python = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "discover", "-s", "test")
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(60, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError("report tests did not finish in 60 s");
        }
        assertEquals(0, python.exitValue(), output);
    }
}
