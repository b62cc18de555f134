package webtalk.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client written in another language (a script under src/test) against a real server and
 * asserts it reported success: exit 0 and its "1 passed, 0 failed" line.
 */
public final class ScriptClient {

    private ScriptClient() {
    }

    public static void runAgainst(TestServer server, Path directory, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(command));
        full.add(server.url());
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true).start();
        boolean finished = process.waitFor(40, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, String.join(" ", command) + " did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("1 passed, 0 failed"), output);
    }
}
