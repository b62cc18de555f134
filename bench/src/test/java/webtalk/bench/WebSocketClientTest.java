package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load tool's WebSocket against a server socket that speaks RFC 6455 byte by byte: frames split
 * across reads, a fragmented message, 16-bit lengths, a ping and the server's close.
 */
class WebSocketClientTest {

    @Test
    void readsFramesSplitAcrossReadsAndFragmentsAnswersPingsAndReportsTheServersClose() throws Exception {
        String longText = "x".repeat(300);
        CompletableFuture<byte[]> pong = new CompletableFuture<>();
        CompletableFuture<String> clientSaid = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread peer = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    String key = requestKey(in);
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] first = frame(true, 0x1, "olá".getBytes(StandardCharsets.UTF_8));
                    for (byte b : first) {  // one byte per read: the frame is whole only at its last byte
                        out.write(b);
                        out.flush();
                        Thread.sleep(2);
                    }
                    ByteArrayOutputStream rest = new ByteArrayOutputStream();
                    rest.write(frame(false, 0x1, "frag".getBytes(StandardCharsets.UTF_8)));
                    rest.write(frame(true, 0x0, "mented".getBytes(StandardCharsets.UTF_8)));
                    rest.write(frame(true, 0x1, longText.getBytes(StandardCharsets.UTF_8)));
                    rest.write(frame(true, 0x9, new byte[] {7, 8, 9}));
                    out.write(rest.toByteArray());
                    out.flush();
                    DataInputStream data = new DataInputStream(in);
                    pong.complete(readClientFrame(data, 0xA));
                    clientSaid.complete(new String(readClientFrame(data, 0x1), StandardCharsets.UTF_8));
                    out.write(frame(true, 0x8, new byte[0]));
                    out.flush();
                    Thread.sleep(200);
                } catch (Exception e) {
                    pong.completeExceptionally(e);
                    clientSaid.completeExceptionally(e);
                }
            });
            peer.start();

            BlockingQueue<String> texts = new LinkedBlockingQueue<>();
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            WebSocketClient client = WebSocketClient.open(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/x?y=1"),
                    new WebSocketClient.Listener() {
                        @Override
                        public void opened(WebSocketClient socket) {
                        }

                        @Override
                        public void text(String text) {
                            texts.add(text);
                        }

                        @Override
                        public void closed(Throwable why) {
                            closed.complete(why);
                        }
                    });
            assertEquals("olá", texts.poll(10, TimeUnit.SECONDS));
            assertEquals("fragmented", texts.poll(10, TimeUnit.SECONDS));
            assertEquals(longText, texts.poll(10, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {7, 8, 9}, pong.get(10, TimeUnit.SECONDS), "the ping's payload comes back in a pong");
            client.sendText("ça va " + longText);
            assertEquals("ça va " + longText, clientSaid.get(10, TimeUnit.SECONDS), "a masked frame with a 16-bit length");
            assertTrue(closed.get(10, TimeUnit.SECONDS).getMessage().contains("closed by the server"));
            peer.join(5000);
        }
    }

    @Test
    void aRefusedConnectionIsReportedAsClosed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        WebSocketClient.open(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocketClient.Listener() {
            @Override
            public void opened(WebSocketClient socket) {
                closed.completeExceptionally(new AssertionError("opened"));
            }

            @Override
            public void text(String text) {
            }

            @Override
            public void closed(Throwable why) {
                closed.complete(why);
            }
        });
        assertTrue(closed.get(10, TimeUnit.SECONDS) instanceof IOException);
    }

    private static String requestKey(InputStream in) throws IOException {
        StringBuilder request = new StringBuilder();
        while (!request.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request cut short: " + request);
            }
            request.append((char) b);
        }
        assertTrue(request.toString().startsWith("GET /x?y=1 HTTP/1.1\r\n"), request.toString());
        for (String line : request.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key");
    }

    private static String accept(String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** A server's frame: never masked. */
    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** A client's frame: it must be masked. */
    private static byte[] readClientFrame(DataInputStream in, int expectedOpcode) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertEquals(expectedOpcode, first & 0x0f, "opcode");
        assertTrue((second & 0x80) != 0, "a client's frame is masked");
        int length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[length];
        in.readFully(payload);
        for (int i = 0; i < length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return payload;
    }
}
