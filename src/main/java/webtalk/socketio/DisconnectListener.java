package webtalk.socketio;

/**
 * Called exactly once per socket when it leaves its namespace, with a reason such as
 * "client namespace disconnect", "transport close", "ping timeout", "server namespace disconnect",
 * "server shutting down", "slow consumer" or "parse error".
 */
@FunctionalInterface
public interface DisconnectListener {
    void onDisconnect(Socket socket, String reason);
}
