package webtalk.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A member's connection for the domain's unit tests: it records what the domain told it (thread-safe). */
final class RecordingConnection implements MemberConnection {

    final String id;
    final List<String> subscribed = new CopyOnWriteArrayList<>();
    final List<Message> replayed = new CopyOnWriteArrayList<>();
    /** The rooms it was told it is out of, with the code: "room codigo". */
    final List<String> toldOut = new CopyOnWriteArrayList<>();

    RecordingConnection(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String address() {
        return "127.0.0.1";
    }

    @Override
    public void removed(String roomId, ChatError error) {
        subscribed.remove(roomId);
    }

    @Override
    public void outOfRoom(String roomId, ChatError error) {
        toldOut.add(roomId + " " + error.code());
    }

    @Override
    public void subscribe(String roomId) {
        subscribed.add(roomId);
    }

    @Override
    public void unsubscribe(String roomId) {
        subscribed.remove(roomId);
    }

    @Override
    public void replay(String roomId, List<Message> history) {
        replayed.addAll(history);
    }
}
