package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RawWebSocket;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/**
 * Binary attachments against WebTalk in a small JVM (-Xmx256m): packets announcing endless
 * attachments (before: 999,999 accepted, 3,000 x 60 KiB held by one connection) and attachments
 * adding up to more than maxPayload. Each attacker is told and closed at once, the server keeps
 * serving, a bystander keeps chatting, and the live heap comes back to where it was.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@RunsAlone
class AttachmentFloodIT {

    private static final int ROUNDS = 5;
    private static final int CONNECTIONS_PER_ROUND = 20;
    private static final int FRAMES_PER_CONNECTION = 150;
    private static final byte[] ATTACHMENT = RawWebSocket.frame(0x82, new byte[60 * 1024], true);

    @Test
    void attachmentFloodsAreRefusedAndLeaveNothingBehind() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start(List.of("-Xmx256m"));
            int port = URI.create(server.url()).getPort();
            String room = new Http(server.url()).createRoom("Anexos", null);
            try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
                ana.join(room, "ana");
                bia.join(room, "bia");
                assertTrue(ana.say(room, "antes").getBoolean("ok"));
                bia.next("mensagem_chat", m -> m.getString("mensagem").equals("antes"));
                long before = server.heapUsedMiBAfterGc();

                long started = System.nanoTime();
                for (int round = 0; round < ROUNDS; round++) {
                    List<RawWebSocket> attackers = new ArrayList<>();
                    try {
                        for (int i = 0; i < CONNECTIONS_PER_ROUND; i++) {
                            attackers.add(connected(port));
                        }
                        for (RawWebSocket ws : attackers) {
                            // endless attachments: refused on the header, before any byte of them
                            ws.write(RawWebSocket.text("45999999-[\"mensagem_chat\",{\"_placeholder\":true,\"num\":0}]"));
                            assertNoticeThenClose(ws);
                            pushAttachments(ws, FRAMES_PER_CONNECTION);
                        }
                        RawWebSocket big = connected(port);
                        attackers.add(big);
                        // ten announced (allowed), but two of 60 KiB already exceed maxPayload (64 KiB)
                        StringBuilder placeholders = new StringBuilder();
                        for (int i = 0; i < 10; i++) {
                            placeholders.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
                        }
                        big.write(RawWebSocket.text("4510-[\"mensagem_chat\"," + placeholders.substring(1) + "]"));
                        big.write(ATTACHMENT, ATTACHMENT);
                        assertNoticeThenClose(big);
                    } finally {
                        attackers.forEach(RawWebSocket::close);
                    }
                }
                long attackMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertTrue(server.alive(), server.log());
                assertTrue(ana.say(room, "depois").getBoolean("ok"), "the bystander still chats");
                assertEquals("depois", bia.next("mensagem_chat", m -> m.getString("mensagem").equals("depois")).getString("mensagem"));
                long after = server.heapUsedMiBAfterGc();
                System.out.printf("attachment flood: %d connections in %d ms; live heap %d MiB before, %d MiB after%n",
                        ROUNDS * (CONNECTIONS_PER_ROUND + 1), attackMs, before, after);
                assertTrue(after <= before + 30, "live heap " + before + " MiB before, " + after + " MiB after");
            }
        }
    }

    private static RawWebSocket connected(int port) {
        RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket");
        assertEquals(101, ws.status);
        ws.readTextStartingWith("0{");
        ws.write(RawWebSocket.text("40"));
        ws.readTextStartingWith("40");
        return ws;
    }

    private static void assertNoticeThenClose(RawWebSocket ws) {
        String notice = ws.readTextStartingWith("42");
        assertTrue(notice.startsWith("42[\"erro\"") && notice.contains("pacote_invalido"), notice);
        assertEquals("1", ws.readTextStartingWith("1"));
    }

    /** What the attacker tries next: attachments until the closed connection refuses them. */
    private static void pushAttachments(RawWebSocket ws, int frames) {
        try {
            for (int i = 0; i < frames; i++) {
                ws.write(ATTACHMENT);
            }
        } catch (UncheckedIOException closed) {
            // the server has closed the connection
        }
    }
}
