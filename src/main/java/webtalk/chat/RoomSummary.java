package webtalk.chat;

/** A room with its live counters, as listed in the lobby and the admin panel. */
public record RoomSummary(Room room, int usersOnline, long messageCount) {
}
