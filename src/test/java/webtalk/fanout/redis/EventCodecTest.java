package webtalk.fanout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;
import webtalk.chat.Message;
import webtalk.chat.Poll;
import webtalk.chat.RoomEvent;
import webtalk.chat.StampedEvent;

/** Every kind of room event survives the wire; a new kind fails here until it is mapped. */
class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    /** One of each kind, with the awkward values (nanoseconds, null client id, accents, quotes). */
    private static final List<RoomEvent> ONE_OF_EACH = List.of(
            new RoomEvent.MessagePosted(new Message(42, "sala-1", "Zé \"o\" Ñ", "olá\n<b>", Instant.parse("2026-12-01T10:00:00.123456789Z"), null)),
            new RoomEvent.MessagePosted(new Message(43, "sala-1", "ana", "", Instant.parse("2026-12-01T10:00:00Z"), "cli-1")),
            new RoomEvent.UserJoined("sala-1", "ana", 3),
            new RoomEvent.UserLeft("sala-1", "ana", 2),
            new RoomEvent.MessagePosted(new Message(44, "sala-1", "bia", "@ana sim", Instant.parse("2026-12-01T10:00:01Z"), null,
                    new Message.Extras(42L, new Message.Quote("Zé \"o\" Ñ", "olá", false), List.of("ana", "Zé"), null, false,
                            java.util.Map.of()))),
            new RoomEvent.MessagePosted(new Message(45, "sala-1", "bia", "e?", Instant.parse("2026-12-01T10:00:02Z"), null,
                    new Message.Extras(41L, new Message.Quote("ana", "", true), List.of(), null, false, java.util.Map.of()))),
            new RoomEvent.MessageDeleted("sala-1", 42),
            new RoomEvent.MessageEdited("sala-1", 43, "novo \"texto\" @bia", Instant.parse("2026-12-01T10:05:00.120Z"), List.of("bia")),
            new RoomEvent.ReactionsChanged("sala-1", 43, new java.util.LinkedHashMap<>(java.util.Map.of("👍", 2))),
            new RoomEvent.ReactionsChanged("sala-1", 44, java.util.Map.of()),
            new RoomEvent.MemberRemoved("sala-1", "conn-1", "bia", ChatError.KICKED),
            new RoomEvent.UserTyping("sala-1", "ana"),
            new RoomEvent.RoomClosed("sala-1", RoomEvent.RoomClosed.Reason.CLOSED_BY_ADMIN),
            new RoomEvent.PollOpened(new Poll(7, "sala-1", "Entenderam \"isso\"?\nsim", List.of("Sim", "Não", "Mais ou menos"),
                    List.of(0, 0, 0), "Zé", true, Instant.parse("2026-12-01T10:00:00.123Z"))),
            new RoomEvent.PollUpdated(new Poll(7, "sala-1", "Entenderam?", List.of("Sim", "Não"), List.of(3, 1), "Zé", false,
                    Instant.parse("2026-12-01T10:00:00Z"))),
            new RoomEvent.RoomUpdated("sala-1", "Clube \"Ñ\"", "tópico\nnovo"),
            new RoomEvent.MessagePinned("sala-1", 42, true),
            new RoomEvent.MessagePinned("sala-1", 42, false),
            new RoomEvent.SlowModeChanged("sala-1", 30),
            new RoomEvent.PollSettingChanged("sala-1", true),
            new RoomEvent.PollSettingChanged("sala-1", false));

    @Test
    void everyPermittedKindIsCovered() {
        Set<Class<?>> kinds = Arrays.stream(RoomEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(kinds, ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet()),
                "a new RoomEvent kind: map it in EventCodec and add it here");
    }

    @Test
    void everyKindRoundTrips() {
        long sequence = 1;
        for (RoomEvent event : ONE_OF_EACH) {
            StampedEvent stamped = new StampedEvent("node-1", sequence++, event);
            assertEquals(stamped, codec.decode(codec.encode(stamped)));
        }
    }

    @Test
    void garbleIsRefusedAsMalformed() {
        for (String text : List.of("", "null", "[]", "{}", "nope", "{\"n\":\"a\",\"s\":1,\"k\":\"z\",\"r\":\"r\",\"e\":\"NOT_A_REASON\"}",
                "{\"n\":\"a\",\"s\":1,\"k\":\"m\",\"r\":\"r\",\"i\":1,\"a\":\"x\",\"t\":\"y\",\"at\":\"yesterday\"}",
                "{\"n\":\"a\",\"s\":\"one\",\"k\":\"t\",\"r\":\"r\",\"u\":\"x\"}", "{\"n\":\"a\",\"s\":1,\"k\":\"future\",\"r\":\"r\"}")) {
            assertThrows(EventCodec.MalformedEvent.class, () -> codec.decode(text), text);
        }
    }
}
