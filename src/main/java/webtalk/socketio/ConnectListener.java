package webtalk.socketio;

/** Called when a client connects to a namespace; may refuse by throwing {@link ConnectRefusedException}. */
@FunctionalInterface
public interface ConnectListener {
    void onConnect(Socket socket);
}
