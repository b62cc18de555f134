package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Socket.IO v5 packet text forms, from the examples in the protocol document. */
class PacketCodecTest {

    private final PacketCodec codec = new PacketCodec(new ObjectMapper());

    @Test
    void decodesEventWithNamespaceAndAckId() {
        Packet packet = codec.decode("2/admin,13[\"bar\",{\"a\":1}]");
        assertEquals(PacketType.EVENT, packet.type());
        assertEquals("/admin", packet.namespace());
        assertEquals(13, packet.ackId());
        assertEquals("bar", packet.data().get(0).asText());
    }

    @Test
    void decodesConnectWithAndWithoutAuth() {
        assertEquals("/", codec.decode("0").namespace());
        assertEquals("x", codec.decode("0{\"token\":\"x\"}").data().get("token").asText());
        assertEquals("/custom", codec.decode("0/custom,").namespace());
    }

    @Test
    void decodesBinaryEventHeader() throws java.io.IOException {
        Packet packet = codec.decode("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
        assertEquals(PacketType.BINARY_EVENT, packet.type());
        assertEquals(1, packet.attachments());
        byte[] bytes = {1, 2, 3};
        var data = codec.insertBinary(packet.data(), List.of(bytes));
        assertTrue(data.get(1).isBinary());
        assertArrayEquals(bytes, data.get(1).binaryValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9", "2", "2{}", "2[]", "2[1]", "1{}", "3[1]", "4{\"message\":\"x\"}", "2[\"a\"", "5-[\"a\"]", "0[1]"})
    void rejectsMalformedPackets(String text) {
        assertThrows(MalformedPacketException.class, () -> codec.decode(text));
    }

    @Test
    void encodesEventsOnceWithBinaryPlaceholders() {
        assertEquals("2[\"ping\",{\"a\":1}]", codec.event("/", "ping", new Object[]{Map.of("a", 1)}).text());
        assertEquals("2/chat,[\"x\"]", codec.event("/chat", "x", new Object[0]).text());
        PacketCodec.Encoded binary = codec.event("/", "file", new Object[]{new byte[]{7}});
        assertEquals("51-[\"file\",{\"_placeholder\":true,\"num\":0}]", binary.text());
        assertArrayEquals(new byte[]{7}, binary.attachments().get(0));
        assertEquals("312[\"ok\"]", codec.ack("/", 12, new Object[]{"ok"}).text());
    }
}
