package webtalk.socketio.websocket;

/** The RFC 6455 §7.4.1 close codes this layer sends or checks. */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    /** Reported locally for a close frame without a code; never sent. */
    public static final int NO_CODE = 1005;
    /** Reported locally when the TCP connection ended without a close frame; never sent. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;

    private CloseCodes() {
    }

    /** Whether a peer may send this code in a close frame. */
    static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
