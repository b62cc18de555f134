package webtalk.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded Socket.IO packet. {@code ackId} is -1 when absent; {@code attachments} counts the
 * binary frames that follow a BINARY_EVENT / BINARY_ACK.
 */
record Packet(PacketType type, String namespace, long ackId, JsonNode data, int attachments) {
}
