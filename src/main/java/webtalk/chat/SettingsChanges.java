package webtalk.chat;

import java.util.function.Consumer;

/**
 * The chat settings in force, and their changes as events: an admin's change is published once
 * (after it is stored) and every part on every node applies it live — the rate limits, the room
 * and member limits, the message length open rooms accept.
 *
 * <p>Guarantee: {@link #current()} is the last value published on any node that this node has
 * received; every subscriber is called once per change received, in the order published, after
 * {@link #current()} already answers the new value.
 */
public interface SettingsChanges {

    ChatSettings current();

    /** The change is stored: make it the current value here and on every other node. */
    void publish(ChatSettings changed);

    void subscribe(Consumer<ChatSettings> listener);
}
