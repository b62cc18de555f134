package webtalk.socketio;

/** Socket.IO v5 packet types (docs/socket.io-protocol/v5-current.md, "Packet format"). */
enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    static PacketType of(char digit) {
        int index = digit - '0';
        if (index < 0 || index >= values().length) {
            throw new MalformedPacketException("unknown packet type '" + digit + "'");
        }
        return values()[index];
    }

    boolean binary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }
}
