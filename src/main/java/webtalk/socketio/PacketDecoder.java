package webtalk.socketio;

import java.util.ArrayList;
import java.util.List;

/**
 * Socket.IO decoding for one connection, the job of socket.io's {@code Client} with
 * socket.io-parser's {@code Decoder}: each Engine.IO message becomes a {@link Packet}. A
 * BINARY_EVENT / BINARY_ACK waits for the binary messages it announces and is complete when the
 * last one arrives, its placeholders replaced by the bytes (spec section "Packet encoding").
 *
 * <p>Defences: a packet may announce at most {@code maxAttachments}; its attachments together
 * may not exceed {@code maxPayload}; a text packet while attachments are awaited, bytes that no
 * packet announced, and a placeholder that names no attachment all break the protocol.
 *
 * <p>Thread-safe on its own monitor: the reassembly state is touched by nothing else, so decoding
 * never holds the session's monitor.
 */
final class PacketDecoder {

    /** Why the client broke the protocol; its connection is closed. A client's fault: no stack trace. */
    static final class ProtocolError extends Exception {
        ProtocolError(String reason) {
            super(reason, null, false, false);
        }
    }

    private final PacketCodec codec;
    private final int maxAttachments;
    private final long maxAttachmentBytes;

    // guarded by this
    /** The binary packet whose attachments are still expected, or null. */
    private Packet pendingBinary;
    /** Made for each binary packet (most connections never send one), null between them. */
    private List<byte[]> receivedAttachments;
    /** Bytes of {@link #receivedAttachments}: together they may not exceed maxPayload. */
    private long receivedAttachmentBytes;

    PacketDecoder(PacketCodec codec, int maxAttachments, int maxPayload) {
        this.codec = codec;
        this.maxAttachments = maxAttachments;
        this.maxAttachmentBytes = maxPayload;
    }

    /** The packet of one Engine.IO message packet ("4…"): complete, or null while its attachments are awaited. */
    synchronized Packet text(String text) throws ProtocolError {
        if (pendingBinary != null) {
            throw new ProtocolError("malformed Socket.IO packet");
        }
        Packet packet;
        try {
            packet = codec.decode(text);
        } catch (MalformedPacketException e) {
            throw new ProtocolError("malformed Socket.IO packet");
        }
        if (packet.type().binary() && packet.attachments() > maxAttachments) {
            throw new ProtocolError("too many binary attachments");
        }
        if (packet.type().binary() && packet.attachments() > 0) {
            pendingBinary = packet;
            receivedAttachments = new ArrayList<>(packet.attachments());
            receivedAttachmentBytes = 0;
            return null;
        }
        return packet;
    }

    /** One binary attachment: the completed packet once it is the last one awaited, else null. */
    synchronized Packet binary(byte[] bytes) throws ProtocolError {
        if (pendingBinary == null) {
            throw new ProtocolError("unexpected binary data");
        }
        if ((receivedAttachmentBytes += bytes.length) > maxAttachmentBytes) {
            reset();
            throw new ProtocolError("binary attachments larger than maxPayload");
        }
        receivedAttachments.add(bytes);
        if (receivedAttachments.size() < pendingBinary.attachments()) {
            return null;
        }
        Packet announced = pendingBinary;
        List<byte[]> attachments = receivedAttachments;
        reset();
        try {
            return new Packet(announced.type(), announced.namespace(), announced.ackId(),
                    codec.insertBinary(announced.data(), attachments), 0);
        } catch (MalformedPacketException e) {
            throw new ProtocolError("bad binary placeholder");
        }
    }

    private void reset() {
        pendingBinary = null;
        receivedAttachments = null;
        receivedAttachmentBytes = 0;
    }
}
