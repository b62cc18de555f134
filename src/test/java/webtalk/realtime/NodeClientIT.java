package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ScriptClient;
import webtalk.support.TestServer;

/**
 * The official Node {@code socket.io-client} (from npm; default options, i.e. polling then upgrade,
 * and WebSocket-only) chats through a real server: src/test/node/chat-check.mjs; the message actions
 * (messages-check.mjs), a room's owners and moderators (owners-check.mjs) and polls (polls-check.mjs) too. Needs Node.js and
 * {@code npm ci} in src/test/node, which {@code mvn verify} runs before the integration tests; fails with that instruction otherwise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeClientIT {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Test
    void officialNodeClientChats() throws Exception {
        assertTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/socket.io-client")),
                "socket.io-client is not installed: run the ITs through `mvn verify` (it runs npm ci), or `npm ci --prefix src/test/node` (Node.js and npm needed)");
        try (TestServer server = TestServer.start()) {
            ScriptClient.runAgainst(server, SCRIPT_DIR, "node", "chat-check.mjs");
        }
    }

    @Test
    void officialNodeClientEditsDeletesRepliesMentionsAndReacts() throws Exception {
        assertTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/socket.io-client")),
                "socket.io-client is not installed: run the ITs through `mvn verify` (it runs npm ci), or `npm ci --prefix src/test/node` (Node.js and npm needed)");
        try (TestServer server = TestServer.start()) {
            ScriptClient.runAgainst(server, SCRIPT_DIR, "node", "messages-check.mjs");
        }
    }

    @Test
    void officialNodeClientOwnsAndModeratesARoomAndEveryRefusalReachesIt() throws Exception {
        assertTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/socket.io-client")),
                "socket.io-client is not installed: run the ITs through `mvn verify` (it runs npm ci), or `npm ci --prefix src/test/node` (Node.js and npm needed)");
        try (TestServer server = TestServer.start()) {
            ScriptClient.runAgainst(server, SCRIPT_DIR, "node", "owners-check.mjs");
        }
    }

    @Test
    void officialNodeClientOpensVotesAndClosesPollsAndEveryRefusalReachesIt() throws Exception {
        assertTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/socket.io-client")),
                "socket.io-client is not installed: run the ITs through `mvn verify` (it runs npm ci), or `npm ci --prefix src/test/node` (Node.js and npm needed)");
        try (TestServer server = TestServer.start()) {
            ScriptClient.runAgainst(server, SCRIPT_DIR, "node", "polls-check.mjs");
        }
    }
}
