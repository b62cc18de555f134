package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Socket.IO packet reassembly for one connection: binary packets wait for their attachments, within limits. */
class PacketDecoderTest {

    private static final int MAX_ATTACHMENTS = 2;
    private static final int MAX_PAYLOAD = 10;

    private final PacketDecoder decoder = new PacketDecoder(new PacketCodec(new ObjectMapper()), MAX_ATTACHMENTS, MAX_PAYLOAD);

    @Test
    void textPacketIsCompleteAtOnce() throws Exception {
        Packet packet = decoder.text("2[\"hello\",1]");
        assertEquals(PacketType.EVENT, packet.type());
        assertEquals("hello", packet.data().get(0).textValue());
    }

    @Test
    void binaryEventIsCompleteWithItsLastAttachment() throws Exception {
        assertNull(decoder.text("52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"));
        assertNull(decoder.binary(new byte[] {1}));
        Packet packet = decoder.binary(new byte[] {2, 3});
        assertEquals(PacketType.BINARY_EVENT, packet.type());
        assertEquals(0, packet.attachments());
        assertArrayEquals(new byte[] {1}, packet.data().get(1).binaryValue());
        assertArrayEquals(new byte[] {2, 3}, packet.data().get(2).binaryValue());
    }

    @Test
    void nextPacketAfterACompleteBinaryOneIsDecodedAfresh() throws Exception {
        decoder.text("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]");
        decoder.binary(new byte[] {1});
        assertEquals(PacketType.EVENT, decoder.text("2[\"next\"]").type());
    }

    @Test
    void malformedTextIsRefused() {
        assertRefused("malformed Socket.IO packet", () -> decoder.text("2{not json"));
    }

    @Test
    void moreAttachmentsThanAllowedAreRefused() {
        assertRefused("too many binary attachments", () -> decoder.text("53-[\"upload\"]"));
    }

    @Test
    void attachmentsLargerThanMaxPayloadTogetherAreRefused() throws Exception {
        decoder.text("52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        decoder.binary(new byte[MAX_PAYLOAD - 1]);
        assertRefused("binary attachments larger than maxPayload", () -> decoder.binary(new byte[2]));
    }

    @Test
    void binaryNobodyAnnouncedIsRefused() {
        assertRefused("unexpected binary data", () -> decoder.binary(new byte[] {1}));
    }

    @Test
    void textWhileAttachmentsAreAwaitedIsRefused() throws Exception {
        decoder.text("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]");
        assertRefused("malformed Socket.IO packet", () -> decoder.text("2[\"hello\"]"));
    }

    @Test
    void placeholderNamingNoAttachmentIsRefused() throws Exception {
        decoder.text("51-[\"upload\",{\"_placeholder\":true,\"num\":1}]");
        assertRefused("bad binary placeholder", () -> decoder.binary(new byte[] {1}));
    }

    private interface Step {
        Packet run() throws PacketDecoder.ProtocolError;
    }

    private static void assertRefused(String reason, Step step) {
        assertEquals(reason, assertThrows(PacketDecoder.ProtocolError.class, step::run).getMessage());
    }
}
