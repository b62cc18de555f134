package webtalk.socketio;

/** Thrown by a {@link ConnectListener} to refuse a namespace connection: the client gets CONNECT_ERROR {message, data}. */
public final class ConnectRefusedException extends RuntimeException {

    private final transient Object data;

    public ConnectRefusedException(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
