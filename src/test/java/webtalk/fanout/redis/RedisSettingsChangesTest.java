package webtalk.fanout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatSettings;
import webtalk.redis.Eventually;
import webtalk.redis.TestRedis;

/** A change published on one node is in force on every node, current() before the subscribers. */
class RedisSettingsChangesTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void aChangeOnAIsAppliedOnBAndOnceOnA() throws Exception {
        RedisSettingsChanges a = new RedisSettingsChanges(redis.node("a"), ChatSettings.DEFAULTS);
        RedisSettingsChanges b = new RedisSettingsChanges(redis.node("b"), ChatSettings.DEFAULTS);
        List<ChatSettings> toldA = new CopyOnWriteArrayList<>();
        List<ChatSettings> toldB = new CopyOnWriteArrayList<>();
        List<ChatSettings> currentWhenToldB = new CopyOnWriteArrayList<>();
        a.subscribe(toldA::add);
        b.subscribe(changed -> {
            currentWhenToldB.add(b.current());
            toldB.add(changed);
        });
        ChatSettings first = new ChatSettings(7, 0, 300, 5, 10, 3, false, 30);
        ChatSettings second = new ChatSettings(8, 1, 301, 6, 11, 4, true, 0);

        a.publish(first);
        a.publish(second);
        assertEquals(second, a.current());
        Eventually.within(Duration.ofSeconds(3), "both changes on B", () -> toldB.size() >= 2);
        Thread.sleep(200);
        assertEquals(List.of(first, second), toldB);
        assertEquals(List.of(first, second), currentWhenToldB);
        assertEquals(second, b.current());
        assertEquals(List.of(first, second), toldA, "A applied each once, not again from Redis");
    }

    @Test
    void changesPublishedAtOnceOnTwoNodesEndTheSameEverywhere() throws Exception {
        RedisSettingsChanges a = new RedisSettingsChanges(redis.node("a"), ChatSettings.DEFAULTS);
        RedisSettingsChanges b = new RedisSettingsChanges(redis.node("b"), ChatSettings.DEFAULTS);
        for (int round = 1; round <= 10; round++) {
            ChatSettings onA = new ChatSettings(round, 0, 300, 5, 10, 3, false, 30);
            ChatSettings onB = new ChatSettings(100 + round, 0, 300, 5, 10, 3, true, 30);
            Thread other = new Thread(() -> b.publish(onB));
            other.start();
            a.publish(onA);
            other.join();
            int r = round;
            Eventually.within(Duration.ofSeconds(3), "round " + round + " converged",
                    () -> a.current().equals(b.current()) && (a.current().maxRooms() == r || a.current().maxRooms() == 100 + r));
            Thread.sleep(50);  // nothing later changes it again
            assertEquals(a.current(), b.current(), "round " + round);
        }
    }

    @Test
    void anUnreadableChangeIsIgnored() {
        RedisSettingsChanges b = new RedisSettingsChanges(redis.node("b"), ChatSettings.DEFAULTS);
        RedisSettingsChanges a = new RedisSettingsChanges(redis.node("a"), ChatSettings.DEFAULTS);
        redis.raw().publish(redis.prefix() + "settings", "{\"n\":\"x\",\"v\":{\"maximo_salas\":\"many\"}}");
        ChatSettings changed = new ChatSettings(9, 0, 300, 5, 10, 3, false, 30);
        a.publish(changed);
        Eventually.within(Duration.ofSeconds(3), "the good change after the bad one", () -> changed.equals(b.current()));
    }
}
