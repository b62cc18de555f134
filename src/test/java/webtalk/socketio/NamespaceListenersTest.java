package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event listeners registered once on the namespace serve every socket; a socket's own listener wins. */
class NamespaceListenersTest {

    @Test
    void aNamespaceListenerServesEverySocketAndASocketsOwnWins() {
        Namespace namespace = new Namespace("/", null, null, null, () -> false);
        ClientSocket ana = new ClientSocket("ana", namespace, null, null, null);
        ClientSocket bia = new ClientSocket("bia", namespace, null, null, null);
        List<String> heard = new ArrayList<>();
        namespace.on("oi", (socket, args, ack) -> heard.add("namespace:" + socket.id() + ":" + args.get(0).textValue()));
        bia.on("oi", (socket, args, ack) -> heard.add("own:" + socket.id()));

        ana.dispatch(event("oi", "1"));
        bia.dispatch(event("oi", "2"));
        ana.dispatch(event("ninguem_ouve", "3"));

        assertEquals(List.of("namespace:ana:1", "own:bia"), heard);
    }

    private static Packet event(String name, String arg) {
        var data = JsonNodeFactory.instance.arrayNode().add(name).add(arg);
        return new Packet(PacketType.EVENT, "/", -1, data, 0);
    }
}
