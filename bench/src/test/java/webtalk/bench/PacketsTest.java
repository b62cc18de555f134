package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacketsTest {

    @Test
    void readsAWholeNumberFieldByItsExactName() {
        String message = "42[\"mensagem_chat\",{\"id_sala\":\"k3x9q2mz\",\"id\":58,\"mensagem\":\"oi\"}]";
        assertEquals(58, Packets.longField(message, "id"));
        String ack = "431[{\"ok\":true,\"id_sala\":\"k3x9q2mz\",\"usuarios\":[],\"ultimo_id\": 57}]";
        assertEquals(57, Packets.longField(ack, "ultimo_id"));
        assertEquals(-1, Packets.longField(ack, "id"), "ultimo_id and id_sala are not id");
        assertEquals(-1, Packets.longField("42[\"x\",{\"id\":\"abc\"}]", "id"), "not a number");
    }

    @Test
    void tellsAPositiveAckFromARefusal() {
        assertTrue(Packets.ok("431[{\"ok\":true}]"));
        assertFalse(Packets.ok("431[{\"ok\":false,\"codigo\":\"sala_inexistente\"}]"));
    }
}
