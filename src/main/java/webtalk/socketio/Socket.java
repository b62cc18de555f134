package webtalk.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * One client's connection to one namespace. Guarantees: events of one socket reach its listeners
 * in order, one at a time, on a server thread; a listener registered with {@link #on} must not
 * block (it may run on the thread that reads many connections), one registered with
 * {@link #onBlocking} may; a socket's own listener wins over its namespace's for the same event;
 * {@code emit}, {@code join}, {@code leave} and {@code disconnect} are safe from any thread.
 */
public interface Socket extends EventHandlers {

    String id();

    Namespace namespace();

    String remoteAddress();

    /** A header of the request that opened the connection: Origin, User-Agent, Accept-Language or Host. */
    String header(String name);

    /** The CONNECT packet's payload, or an empty object. */
    JsonNode auth();

    void onDisconnect(DisconnectListener listener);

    void emit(String event, Object... args);

    void join(String room);

    void leave(String room);

    Set<String> rooms();

    /** Server-side namespace disconnect: the client is told, the disconnect listeners run. */
    void disconnect();

    ConcurrentMap<String, Object> attributes();

    boolean connected();
}
