package webtalk.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Marks a listener that {@link ClientSocket#dispatch} hands to {@link EngineSession#runBlocking}. */
record BlockingListener(EventListener listener) implements EventListener {
    @Override
    public void onEvent(Socket socket, ArrayNode args, Ack ack) {
        listener.onEvent(socket, args, ack);
    }
}
