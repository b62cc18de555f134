package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/**
 * A real server process: its first start migrates with Flyway; a restart on the same DATA_DIR
 * finds the schema current and never loads Flyway or the Jackson 3 it brings (the JVM's class
 * loading log says so), and the room and message of the first run are still there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrationsAtRestartIT {

    @TempDir
    Path logs;

    @Test
    void aRestartOnACurrentSchemaLoadsNoFlyway() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path first = logs.resolve("first.txt");
            server.start(List.of("-Xlog:class+load:file=" + first));
            String room = new Http(server.url()).createRoom("Antes", null);
            try (ChatClient ana = ChatClient.connect(server.url())) {
                ana.join(room, "Ana");
                assertTrue(ana.say(room, "antes do reinício").getBoolean("ok"));
            }
            assertEquals(143, server.terminate(Duration.ofSeconds(20)), server.log());
            assertTrue(Files.readString(first).contains("org.flywaydb.core.Flyway "), "the first start migrates");

            Path second = logs.resolve("second.txt");
            server.start(List.of("-Xlog:class+load:file=" + second));
            String loaded = Files.readString(second);
            assertFalse(loaded.contains("org.flywaydb."), "a restart on a current schema loads no Flyway class");
            assertFalse(loaded.contains("tools.jackson."), "nor Jackson 3");
            try (ChatClient bia = ChatClient.connect(server.url())) {
                assertTrue(bia.join(room, "Bia").getBoolean("ok"));
                assertEquals("antes do reinício", bia.next("mensagem_chat").getString("mensagem"), "the history is there");
            }
        }
    }
}
