package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void sendTimeRoundTripsThroughAPacket() {
        String packet = "42[\"mensagem_chat\",{\"nome_usuario\":\"u1\",\"mensagem\":\"" + Timestamps.text(123456789L, 7) + "\",\"id\":3}]";
        assertEquals(123456789L, Timestamps.sentAt(packet));
        assertEquals(-42L, Timestamps.sentAt("42[\"mensagem_chat\",{\"mensagem\":\"T-42|1\"}]"), "nanoTime may be negative");
    }

    @Test
    void packetsWithoutATimestampReadAsMinusOne() {
        assertEquals(-1, Timestamps.sentAt("42[\"usuario_entrou\",{\"nome_usuario\":\"u1\"}]"));
        assertEquals(-1, Timestamps.sentAt("42[\"mensagem_chat\",{\"mensagem\":\"Tabc|1\"}]"));
        assertEquals(-1, Timestamps.sentAt("42[\"mensagem_chat\",{\"mensagem\":\"T123\"}]"));
    }
}
