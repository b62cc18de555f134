package webtalk.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain TCP socket, for what {@code java.net.http} will not send (a path such as
 * {@code /api/salas/%zz}, a broken chunked body, a body shorter than its Content-Length) and from
 * a chosen loopback address (127.0.0.x), so that per-address limits can be tried from many clients.
 */
public final class RawHttp {

    /** What the server answered; header names are lower case. */
    public record Response(int status, Map<String, String> headers, String body) {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return body.isEmpty() ? null : MAPPER.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }
    }

    private final String localAddress;
    private final int port;

    public RawHttp(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    public String localAddress() {
        return localAddress;
    }

    /** A well-formed request (Content-Length, Connection: close) with the given extra header lines. */
    public Response request(String method, String path, String body, String... headerLines) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        request.writeBytes(bytes);
        return exchange(request.toByteArray());
    }

    /** A JSON POST, as a page would send it. */
    public Response postJson(String path, String json, String... headerLines) {
        String[] lines = new String[headerLines.length + 1];
        lines[0] = "Content-Type: application/json";
        System.arraycopy(headerLines, 0, lines, 1, headerLines.length);
        return request("POST", path, json, lines);
    }

    /** Sends exactly these bytes, half-closes the socket (the server sees the end of the request), reads the answer. */
    public Response exchange(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("raw HTTP from " + localAddress + " failed: " + e, e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.isEmpty()) {
            throw new IOException("the server closed the connection without answering");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                chunks.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** One header or status line, without its CR LF. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
