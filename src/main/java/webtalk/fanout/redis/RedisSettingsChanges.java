package webtalk.fanout.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.ChatSetting;
import webtalk.chat.ChatSettings;
import webtalk.chat.SettingsChanges;
import webtalk.redis.RedisConnections;

/**
 * Settings changes over the Redis channel {@code <prefix>settings}: the publishing node applies the
 * change at once (current value, then its subscribers, on the calling thread), then tells the
 * others, who apply it on their dispatch thread in the order Redis delivered it. Two changes
 * published at once on two nodes end with the same value everywhere: the one Redis passed on last
 * (each node re-applies its own change when it comes back after another's). Values travel by each
 * {@link ChatSetting}'s public field name.
 *
 * <p>Failure behaviour: if Redis refuses the publish, the change is in force on this node and in
 * the store, not yet on the others (logged): they read it from the store when they restart. An
 * unreadable message is logged and ignored.
 */
public final class RedisSettingsChanges implements SettingsChanges {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSettingsChanges.class);

    private final RedisConnections redis;
    private final String channel;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Consumer<ChatSettings>> listeners = new CopyOnWriteArrayList<>();
    private volatile ChatSettings current;
    /** This node's changes published and not yet come back from Redis, by number. Guarded by this. */
    private final java.util.Set<Long> inFlight = new java.util.HashSet<>();
    private long published;
    /** Another node's change was applied while some of ours were in flight. Guarded by this. */
    private boolean overtaken;

    public RedisSettingsChanges(RedisConnections redis, ChatSettings initial) {
        this.redis = redis;
        this.channel = redis.key("settings");
        this.current = initial;
        redis.subscribe(channel, this::received);
    }

    @Override
    public ChatSettings current() {
        return current;
    }

    @Override
    public void publish(ChatSettings changed) {
        long id;
        synchronized (this) {
            apply(changed);
            id = ++published;
            inFlight.add(id);
        }
        ObjectNode message = json.createObjectNode().put("n", redis.node()).put("s", id);
        ObjectNode values = message.putObject("v");
        for (ChatSetting setting : ChatSetting.values()) {
            values.putPOJO(setting.field(), setting.valueIn(changed));
        }
        try {
            redis.async().publish(channel, message.toString()).exceptionally(failure -> {
                notPassedOn(id, failure);
                return 0L;
            });
        } catch (RuntimeException failure) {
            notPassedOn(id, failure);
        }
    }

    @Override
    public void subscribe(Consumer<ChatSettings> listener) {
        listeners.add(listener);
    }

    private synchronized void notPassedOn(long id, Throwable failure) {
        inFlight.remove(id);
        LOG.warn("a settings change is in force here but Redis did not pass it on: {}", failure.getMessage());
    }

    private synchronized void apply(ChatSettings changed) {
        current = changed;
        for (Consumer<ChatSettings> listener : listeners) {
            listener.accept(changed);
        }
    }

    private void received(String text) {
        ChatSettings changed;
        boolean own;
        try {
            JsonNode message = json.readTree(text);
            own = redis.node().equals(message.path("n").asText());
            JsonNode values = message.get("v");
            changed = ChatSetting.build(setting -> {
                JsonNode value = values.get(setting.field());
                if (value == null || (setting.isFlag() ? !value.isBoolean() : !value.isInt())) {
                    throw new IllegalArgumentException("no valid " + setting.field());
                }
                return setting.isFlag() ? (Object) value.asBoolean() : (Object) value.asInt();
            });
        } catch (Exception e) {
            LOG.warn("ignoring an unreadable settings change on {}: {}", channel, e.getMessage());
            return;
        }
        synchronized (this) {
            if (!own) {
                apply(changed);
                // This node's changes still on their way come after this one in Redis's order.
                overtaken = !inFlight.isEmpty();
                return;
            }
            inFlight.remove(message(text));
            // Applied when published; applied again only if another node's change came in between
            // and this is the last of ours: Redis's order is the same on every node, so every node
            // ends on the value it passed on last.
            if (inFlight.isEmpty() && overtaken) {
                overtaken = false;
                apply(changed);
            }
        }
    }

    private long message(String text) {
        try {
            return json.readTree(text).path("s").asLong();
        } catch (Exception e) {
            return -1;
        }
    }
}
