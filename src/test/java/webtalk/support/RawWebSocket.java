package webtalk.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client over a plain TCP socket, frame by frame, for tests that must send what no
 * well-behaved client library would (unmasked frames, bad UTF-8, one byte at a time) and read
 * exactly what the server answers.
 */
public final class RawWebSocket implements AutoCloseable {

    /** One frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final int status;
    public final Map<String, String> headers;

    private RawWebSocket(Socket socket, int status, Map<String, String> headers, InputStream in) throws IOException {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.in = new DataInputStream(in);
        this.out = socket.getOutputStream();
    }

    /** Sends the opening handshake with the given extra header lines and reads the response head. */
    public static RawWebSocket open(int port, String pathAndQuery, String... extraHeaders) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            boolean custom = extraHeaders.length > 0 && extraHeaders[0].equals("-");
            if (!custom) {
                request.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                        .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            }
            for (int i = custom ? 1 : 0; i < extraHeaders.length; i++) {
                request.append(extraHeaders[i]).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = RawHttp.line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = RawHttp.line(in); !line.isEmpty(); line = RawHttp.line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            return new RawWebSocket(socket, status, headers, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client frame: first byte as given (FIN, RSV, opcode), masked unless told otherwise. */
    public static byte[] frame(int first, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >> (8 * i)));
            }
        }
        byte[] key = {0x0A, 0x1B, 0x2C, 0x3D};
        if (masked) {
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return frame.toByteArray();
    }

    /** Only the header of a masked frame announcing {@code length} payload bytes. */
    public static byte[] header(int first, long length) {
        byte[] header = new byte[14];
        header[0] = (byte) first;
        header[1] = (byte) (0x80 | 127);
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (length >> (56 - 8 * i));
        }
        return header;  // mask key: zeros
    }

    public static byte[] text(String text) {
        return frame(0x81, text.getBytes(StandardCharsets.UTF_8), true);
    }

    public void write(byte[]... frames) {
        try {
            for (byte[] frame : frames) {
                out.write(frame);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bytes one TCP write each, as a slow network might deliver them. */
    public void trickle(byte[] bytes) {
        try {
            socket.setTcpNoDelay(true);
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Frame read() {
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            if ((b1 & 0x80) != 0) {
                throw new AssertionError("a server frame must not be masked");
            }
            if ((b0 & 0x80) == 0 || (b0 & 0x70) != 0) {
                throw new AssertionError("server frames are final, without reserved bits");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(b0 & 0x0F, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads text frames until one starts with {@code prefix}, answering pings ("2") on the way. */
    public String readTextStartingWith(String prefix) {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == 1 && frame.text().startsWith(prefix)) {
                return frame.text();
            }
            if (frame.opcode() == 1 && frame.text().equals("2")) {
                write(text("3"));
            }
        }
    }

    /** Whether the server ended the TCP connection (end of stream) within the socket timeout. */
    public boolean endsConnection() {
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;  // reset
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
