package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A room's slow mode, with a clock the test moves: per member, per room, not for moderators, freed with the connection. */
class SlowModeTest {

    private final Instant start = Instant.parse("2026-12-06T00:00:00Z");
    private Instant now = start;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Map<String, Integer> stored = new HashMap<>();
    private int reads;
    private final SlowMode slowMode = new SlowMode(new StoredSlowMode(), clock);

    private static MemberConnection connection(String id) {
        return new MemberConnection() {
            public String id() {
                return id;
            }

            public String address() {
                return "127.0.0.1";
            }

            public void removed(String roomId, ChatError error) {
            }

            public void outOfRoom(String roomId, ChatError error) {
            }

            public void subscribe(String roomId) {
            }

            public void unsubscribe(String roomId) {
            }

            public void replay(String roomId, List<Message> history) {
            }
        };
    }

    private ChatException refused(MemberConnection who, String room) {
        return assertThrows(ChatException.class, () -> slowMode.admit(who, room, "x"));
    }

    @Test
    void aMemberSendsOneMessagePerPeriodAndIsToldTheSecondsLeft() {
        stored.put("r1", 30);
        MemberConnection ana = connection("c1");
        slowMode.admit(ana, "r1", "ana");
        now = start.plusMillis(10_500);
        ChatException refused = refused(ana, "r1");
        assertEquals(ChatError.SLOW_MODE, refused.error());
        assertEquals("Modo lento: aguarde 20 s para enviar outra mensagem", refused.getMessage(), "19.5 s left, rounded up");
        now = start.plusSeconds(30);
        slowMode.admit(ana, "r1", "ana");
        slowMode.admit(connection("c2"), "r1", "bia");
        stored.put("r2", 0);
        slowMode.admit(ana, "r2", "ana");
        slowMode.admit(ana, "r2", "ana");
    }

    @Test
    void theRoomsSecondsAreReadOnceAndThenFollowTheRoomEvents() {
        stored.put("r1", 0);
        MemberConnection ana = connection("c1");
        slowMode.admit(ana, "r1", "ana");
        slowMode.admit(ana, "r1", "ana");
        assertEquals(1, reads);
        slowMode.learn(new StampedEvent("other-node", 1, new RoomEvent.SlowModeChanged("r1", 5)));
        slowMode.admit(ana, "r1", "ana");
        assertEquals(ChatError.SLOW_MODE, refused(ana, "r1").error());
        assertEquals(1, reads, "no store read per message");
        slowMode.learn(new StampedEvent("other-node", 2, new RoomEvent.RoomClosed("r1", RoomEvent.RoomClosed.Reason.DELETED)));
        assertEquals(0, slowMode.seconds("r1"), "a closed room's value goes; read again when needed");
        assertEquals(2, reads);
    }

    @Test
    void ownersAndModeratorsAreNotSlowedAndADisconnectFreesEverything() {
        stored.put("r1", 60);
        MemberConnection dona = connection("c1");
        slowMode.exempt("c1", "r1");
        slowMode.admit(dona, "r1", "dona");
        slowMode.admit(dona, "r1", "dona");
        stored.put("r2", 60);
        slowMode.admit(dona, "r2", "dona");
        assertEquals(ChatError.SLOW_MODE, refused(dona, "r2").error(), "a key proves a role in its room only");
        slowMode.disconnected("c1");
        assertEquals(0, slowMode.connectionsTracked());
    }

    private final class StoredSlowMode implements RoomOwnership {
        public int slowMode(String roomId) {
            reads++;
            return stored.getOrDefault(roomId, 0);
        }

        public boolean saveOwnerKeyHash(String roomId, String hash) {
            throw new UnsupportedOperationException();
        }

        public boolean saveModeratorKeyHash(String roomId, String hash) {
            throw new UnsupportedOperationException();
        }

        public Optional<KeyHashes> keyHashes(String roomId) {
            throw new UnsupportedOperationException();
        }

        public boolean saveSlowMode(String roomId, int seconds) {
            throw new UnsupportedOperationException();
        }

        public boolean savePollsModeratorsOnly(String roomId, boolean moderatorsOnly) {
            throw new UnsupportedOperationException();
        }

        public boolean pollsModeratorsOnly(String roomId) {
            throw new UnsupportedOperationException();
        }

        public boolean updateTopic(String roomId, String name, String description) {
            throw new UnsupportedOperationException();
        }

        public Pinning pin(String roomId, long messageId, Instant at, int limit) {
            throw new UnsupportedOperationException();
        }

        public boolean unpin(String roomId, long messageId) {
            throw new UnsupportedOperationException();
        }

        public List<Message> pinned(String roomId) {
            throw new UnsupportedOperationException();
        }
    }
}
