package webtalk.fanout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import webtalk.chat.RoomEvent;

/** Single-node fan-out: publishing calls the local listeners on the publishing thread. */
public final class LocalFanout implements Fanout {

    private final List<Consumer<RoomEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RoomEvent event) {
        for (Consumer<RoomEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    @Override
    public void subscribe(Consumer<RoomEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
