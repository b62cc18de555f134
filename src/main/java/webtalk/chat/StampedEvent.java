package webtalk.chat;

/**
 * A room event as it travels between nodes: who published it, and its place in that node's
 * sequence. {@link #id()} is what delivery de-duplicates on, within the room.
 */
public record StampedEvent(String node, long sequence, RoomEvent event) {

    public String roomId() {
        return event.roomId();
    }

    /**
     * Unique within the room: a posted message by its id (whichever node publishes it, and however
     * often), any other event by its node and that node's sequence number.
     */
    public String id() {
        return event instanceof RoomEvent.MessagePosted posted ? "m" + posted.message().id() : node + "#" + sequence;
    }
}
