package webtalk.socketio;

/** Answers a client's event that asked for an acknowledgement; callable once, from any thread. */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
