package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ScriptClient;
import webtalk.support.TestServer;

/**
 * python-socketio 5 (Debian's python3-socketio with python3-websocket, default options) chats
 * through a real server: src/test/python/chat_check.py. .ci/run installs the packages; fails with
 * that instruction otherwise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonClientIT {

    @Test
    void pythonSocketIoClientChats() throws Exception {
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import socketio, websocket").redirectErrorStream(true).start();
        assertEquals(0, check.waitFor(), "python-socketio is missing: apt-get install -y python3-socketio python3-websocket");
        try (TestServer server = TestServer.start()) {
            ScriptClient.runAgainst(server, Path.of("src/test/python"), "/usr/bin/python3", "chat_check.py");
        }
    }
}
