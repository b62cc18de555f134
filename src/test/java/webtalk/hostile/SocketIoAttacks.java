package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webtalk.hostile.Expect.closedAsMalformed;
import static webtalk.hostile.Expect.stillOpen;

import java.io.UncheckedIOException;
import java.util.List;
import webtalk.support.RawWebSocket;

/**
 * Socket.IO v5 packets a real client never sends, over a raw WebSocket. Malformed ones are
 * answered with {@code erro pacote_invalido}, the close packet and a close frame; packets that are
 * well formed but pointless (an ack nobody asked for, a namespace that does not exist) are
 * answered per the spec and the connection stays.
 */
final class SocketIoAttacks {

    private static final String PLACEHOLDER = "{\"_placeholder\":true,\"num\":0}";

    private SocketIoAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                malformed("socket.io: event whose JSON is broken", "42[\"entrar\",{\"id_sala\":"),
                malformed("socket.io: event name that is a number", "42[5,{}]"),
                malformed("socket.io: event payload that is an object, not an array", "42{\"entrar\":1}"),
                malformed("socket.io: event with an empty array", "42[]"),
                malformed("socket.io: CONNECT whose auth is a string", "40\"token\""),
                malformed("socket.io: DISCONNECT carrying data", "41{\"a\":1}"),
                malformed("socket.io: client sends CONNECT_ERROR", "44{\"message\":\"x\"}"),
                malformed("socket.io: unknown packet type 7", "47[\"x\"]"),
                malformed("socket.io: ack id of 30 digits", "42" + "9".repeat(30) + "[\"x\"]"),
                malformed("socket.io: binary event with a non-numeric attachment count", "45x-[\"nada\"," + PLACEHOLDER + "]"),
                malformed("socket.io: binary event announcing 10 million attachments", "4510000000-[\"nada\"," + PLACEHOLDER + "]"),
                malformed("engine.io over WebSocket: unknown packet type 9", "9"),
                Attack.of("socket.io: second CONNECT to the same namespace", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.text("40"));
                    closedAsMalformed(ws);
                }),
                Attack.of("socket.io: CONNECT to an unknown namespace gets CONNECT_ERROR, the connection stays", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.text("40/admin-secreto,"));
                    assertEquals("44/admin-secreto,{\"message\":\"Invalid namespace\"}", ws.readTextStartingWith("44"));
                    stillOpen(ws);
                }),
                Attack.of("socket.io: ack for an id the server never sent is ignored", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.text("43987654[{\"ok\":true}]"));
                    stillOpen(ws);
                }),
                Attack.of("socket.io: events before CONNECT are ignored (nobody joins)", "main", a -> {
                    String room = a.room(Arena.unique("Antes"));
                    a.member(room, "vigia");
                    RawWebSocket ws = a.engineWebSocket();
                    ws.write(RawWebSocket.text("42[\"entrar\",{\"id_sala\":\"" + room + "\",\"nome_usuario\":\"fantasma\"}]"));
                    stillOpen(ws);
                    assertEquals(1, a.http().get("/api/salas/" + room).json().get("contador_usuarios").asInt(), "only the watcher is in");
                }),
                Attack.of("socket.io: binary placeholder pointing past the attachments", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.text("451-[\"nada\",{\"_placeholder\":true,\"num\":5}]"), RawWebSocket.frame(0x82, new byte[]{1}, true));
                    closedAsMalformed(ws);
                }),
                Attack.of("socket.io: binary frame nobody announced", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.frame(0x82, new byte[]{1, 2, 3}, true));
                    closedAsMalformed(ws);
                }),
                Attack.of("socket.io: binary event announcing 999,999 attachments is refused at its header", "h-socketio", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.text("45999999-[\"nada\"," + PLACEHOLDER + "]"));
                    closedAsMalformed(ws);
                }),
                Attack.of("socket.io: attachment flood (200 announced, 200 × 60 KiB sent) is cut off before it is all held", "h-socketio", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(RawWebSocket.text("45200-[\"nada\"," + PLACEHOLDER + "]"));
                    byte[] chunk = RawWebSocket.frame(0x82, new byte[60 * 1024], true);
                    try {
                        for (int i = 0; i < 200; i++) {
                            ws.write(chunk);
                        }
                    } catch (UncheckedIOException closedOnUs) {
                        // the server stopped reading: what we want
                    }
                    assertTrue(Expect.closedByServer(ws), "the server closes a connection that sends 12 MiB of attachments");
                }),
                Attack.of("engine.io over WebSocket: 500 pings in one write are answered in order", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    ws.write(pings(500));
                    for (int i = 0; i < 500; i++) {
                        assertEquals("3" + i, ws.readTextStartingWith("3"));
                    }
                    stillOpen(ws);
                }),
                Attack.of("engine.io over WebSocket: 20,000 pings whose pongs are never read → dropped as a slow consumer", "main", a -> {
                    RawWebSocket ws = a.socketIo();
                    try {
                        ws.write(pings(20_000));
                    } catch (UncheckedIOException closedOnUs) {
                        // the server let go of us while we were still writing: what we want
                    }
                    assertTrue(Expect.closedByServer(ws), "the pongs waiting for this client are bounded");
                }));
    }

    private static byte[] pings(int count) {
        java.io.ByteArrayOutputStream pings = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            pings.writeBytes(RawWebSocket.text("2" + i));
        }
        return pings.toByteArray();
    }

    private static Attack malformed(String name, String packet) {
        return Attack.of(name + ": pacote_invalido, close packet, close 1000", "main", a -> {
            RawWebSocket ws = a.socketIo();
            ws.write(RawWebSocket.text(packet));
            closedAsMalformed(ws);
        });
    }
}
