package webtalk.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Handles one event name on one socket; {@code ack} is null when the client asked for none. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Socket socket, ArrayNode args, Ack ack);
}
