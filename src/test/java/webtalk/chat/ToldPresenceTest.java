package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node's members were told of a room's presence, and what a resync tells them. */
class ToldPresenceTest {

    private final ToldPresence told = new ToldPresence();

    @Test
    void aResyncTellsTheJoinsAndLeavesThatWereMissedAndNothingElse() {
        told.subscribed("r", "c1");
        told.answered("r", List.of("ana", "bia"));
        told.told(new RoomEvent.UserJoined("r", "eva", 3));
        // Missed: bia left, carla came.
        assertEquals(new ToldPresence.Changes(List.of("carla"), List.of("bia")), told.resync("r", List.of("ana", "eva", "carla")));
        assertEquals(new ToldPresence.Changes(List.of(), List.of()), told.resync("r", List.of("ana", "eva", "carla")));
    }

    @Test
    void whereAJoinersListDiffersFromWhatTheOthersHereWereToldBothAreToldAgain() {
        told.subscribed("r", "c1");
        told.answered("r", List.of("ana", "bia"));
        // bia's leave and carla's join were missed; then dora joins here and is answered the truth.
        told.subscribed("r", "c2");
        told.told(new RoomEvent.UserJoined("r", "dora", 3));
        told.answered("r", List.of("ana", "carla", "dora"));
        // c1 still holds bia and lacks carla, c2 the reverse: carla is told again, bia told gone.
        assertEquals(new ToldPresence.Changes(List.of("carla"), List.of("bia")), told.resync("r", List.of("ana", "carla", "dora")));
    }

    @Test
    void anEventToldToAllSettlesADoubtfulName() {
        told.subscribed("r", "c1");
        told.answered("r", List.of("ana"));
        told.subscribed("r", "c2");
        told.answered("r", List.of("ana", "bia"));  // bia's usuario_entrou is still on its way here
        told.told(new RoomEvent.UserJoined("r", "bia", 2));
        assertEquals(new ToldPresence.Changes(List.of(), List.of()), told.resync("r", List.of("ana", "bia")));
    }

    @Test
    void theRecordGoesWithTheNodesLastMemberOfTheRoom() {
        told.subscribed("r", "c1");
        told.subscribed("r", "c2");
        told.subscribed("s", "c1");
        told.unsubscribed("r", "c1");
        assertEquals(List.of("r", "s"), told.rooms().stream().sorted().toList());
        told.disconnected("c1");
        assertEquals(List.of("r"), told.rooms());
        told.unsubscribed("r", "c2");
        assertEquals(0, told.size());
        assertEquals(0, told.connections());
        told.told(new RoomEvent.UserJoined("r", "ana", 1));  // nobody here: nothing kept
        assertEquals(0, told.size());
    }

    @Test
    void aDisconnectLeavesEachOfItsRoomsAndNoOther() {
        told.subscribed("r", "c1");
        told.subscribed("s", "c1");
        told.subscribed("s", "c2");
        told.subscribed("t", "c2");
        told.disconnected("c1");
        assertEquals(List.of("s", "t"), told.rooms().stream().sorted().toList());  // r went with its only member
        assertEquals(1, told.connections());
        told.disconnected("c1");  // twice: nothing more happens
        told.disconnected("c2");
        assertEquals(0, told.size());
        assertEquals(0, told.connections());
    }

    @Test
    void aClosedRoomFreesWhatItsConnectionsHeldForIt() {
        told.subscribed("r", "c1");
        told.subscribed("r", "c2");
        told.subscribed("s", "c2");
        told.forgetRoom("r");
        assertEquals(List.of("s"), told.rooms());
        assertEquals(1, told.connections(), "c1 was only in the closed room");
        told.disconnected("c2");
        assertEquals(0, told.connections());
        told.subscribed("r", "c1");  // the room reopened and c1 came back: recorded again
        assertEquals(List.of("r"), told.rooms());
        told.unsubscribed("r", "c1");
        assertEquals(0, told.connections());
    }
}
