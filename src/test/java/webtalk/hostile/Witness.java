package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import webtalk.support.ChatClient;

/**
 * What must hold after every attack: the server answers HTTP, a bystander already in a room gets
 * a fresh message from another member, and the canary messages stored before the suite began are
 * intact and in order. The bystander and the speaker come from their own loopback addresses.
 */
final class Witness implements AutoCloseable {

    private static final String[] CANARIES = {"canário 1 <b>negrito</b>", "canário 2 '; DROP TABLE messages; --", "canário 3 ção 😀"};

    private final Target target;
    private final String room;
    private final String canaries;
    private final String address;
    private ChatClient bystander;
    private ChatClient speaker;
    private int pulse;
    private int generation;

    Witness(Target target) {
        this.target = target;
        this.address = target.freshAddress();
        this.room = target.admin.createRoom("Testemunhas", null);
        join();
        for (String text : CANARIES) {
            assertTrue(speaker.say(room, text).getBoolean("ok"));
        }
        canaries = storedCanaries();
        for (String text : CANARIES) {
            assertTrue(canaries.contains(text.substring(0, 9)), canaries);
        }
    }

    private void join() {
        generation++;
        bystander = ChatClient.connect(target.url(), null, target.okHttpFrom(address));
        speaker = ChatClient.connect(target.url(), null, target.okHttpFrom(address));
        assertTrue(bystander.join(room, "testemunha" + generation).getBoolean("ok"));
        assertTrue(speaker.join(room, "orador" + generation).getBoolean("ok"));
    }

    private String storedCanaries() {
        return target.admin.get("/api/salas/" + room + "/mensagens?limite=3&depois=0").json().get("mensagens").toString();
    }

    /** Fails if the server stopped serving, delivering or keeping what it stored. */
    void check() {
        assertEquals(200, target.admin.get("/api/salas").status(), "the server still answers HTTP");
        String text = "pulso " + (++pulse);
        assertTrue(speaker.say(room, text).getBoolean("ok"), "a member can still send");
        assertEquals(text, bystander.next("mensagem_chat", m -> text.equals(m.optString("mensagem"))).getString("mensagem"),
                "the bystander still receives fresh messages");
        assertEquals(canaries, storedCanaries(), "messages stored before the suite are intact and in order");
    }

    /** After a failed check: new bystander and speaker, so one failure does not fail every later attack. */
    void heal() {
        close();
        join();
    }

    @Override
    public void close() {
        bystander.close();
        speaker.close();
    }
}
