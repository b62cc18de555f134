package webtalk.socketio;

import java.nio.charset.StandardCharsets;

/**
 * One Engine.IO packet ready to write, shared by every receiver of a broadcast: the text form
 * (e.g. {@code 42["mensagem_chat",{…}]}) or binary bytes. The UTF-8 encoding is computed once, on
 * first need, not once per receiver.
 */
final class Frame {

    private final String text;
    private final byte[] binary;
    private volatile byte[] utf8;

    private Frame(String text, byte[] binary) {
        this.text = text;
        this.binary = binary;
    }

    static Frame text(String text) {
        return new Frame(text, null);
    }

    static Frame binary(byte[] bytes) {
        return new Frame(null, bytes);
    }

    boolean isText() {
        return text != null;
    }

    String text() {
        return text;
    }

    byte[] binary() {
        return binary;
    }

    byte[] utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }

    /** Length as counted for polling payload limits. */
    int size() {
        return text != null ? text.length() : binary.length;
    }
}
