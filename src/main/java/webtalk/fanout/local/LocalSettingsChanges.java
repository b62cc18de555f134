package webtalk.fanout.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import webtalk.chat.ChatSettings;
import webtalk.chat.SettingsChanges;

/** Single-node settings changes: applied and told to the listeners on the publishing thread. */
public final class LocalSettingsChanges implements SettingsChanges {

    private final List<Consumer<ChatSettings>> listeners = new CopyOnWriteArrayList<>();
    private volatile ChatSettings current;

    public LocalSettingsChanges(ChatSettings initial) {
        this.current = initial;
    }

    @Override
    public ChatSettings current() {
        return current;
    }

    @Override
    public synchronized void publish(ChatSettings changed) {
        current = changed;
        for (Consumer<ChatSettings> listener : listeners) {
            listener.accept(changed);
        }
    }

    @Override
    public void subscribe(Consumer<ChatSettings> listener) {
        listeners.add(listener);
    }
}
