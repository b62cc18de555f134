package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import webtalk.support.RunsAlone;

/**
 * The hostile-input suite (issue 10): every attack of {@link EngineIoAttacks},
 * {@link SocketIoAttacks}, {@link WebSocketFrameAttacks}, {@link ChatAttacks}, {@link RestAttacks}
 * and {@link AdminAttacks} against one real server, each reported by name with the branch its
 * defence comes from, each followed by the {@link Witness} checks. Prints
 * {@code hostile-input: N passed, M failed} at the end.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsAlone
class HostileInputIT {

    private static final Duration PER_ATTACK = Duration.ofSeconds(40);
    private Target target;
    private Witness witness;
    private final List<String> failed = new ArrayList<>();
    private int passed;
    private final java.util.Map<String, Long> durations = new java.util.LinkedHashMap<>();

    static List<Attack> attacks() {
        List<Attack> all = new ArrayList<>();
        all.addAll(EngineIoAttacks.all());
        all.addAll(SocketIoAttacks.all());
        all.addAll(WebSocketFrameAttacks.all());
        all.addAll(ChatAttacks.all());
        all.addAll(RestAttacks.all());
        all.addAll(AdminAttacks.all());
        return all;
    }

    @BeforeAll
    void start() {
        target = new Target();
        witness = new Witness(target);
    }

    @TestFactory
    Stream<DynamicTest> everyAttackIsRefusedAndNobodyElseNotices() {
        // -Dhostile.only=<part of a name> runs just those attacks, e.g. while working on one defence
        String only = System.getProperty("hostile.only", "");
        return attacks().stream().filter(attack -> attack.displayName().contains(only)).map(attack -> DynamicTest.dynamicTest(attack.displayName(), () -> run(attack)));
    }

    private void run(Attack attack) throws Throwable {
        long start = System.nanoTime();
        try {
            try (Arena arena = new Arena(target)) {
                assertTimeoutPreemptively(PER_ATTACK, () -> attack.body().run(arena), attack.name());
            }
            assertTimeoutPreemptively(PER_ATTACK, witness::check, "after " + attack.name());
            passed++;
        } catch (Throwable failure) {
            failed.add(attack.displayName() + ": " + firstLine(failure));
            try {
                witness.heal();
            } catch (Throwable stillBroken) {
                failed.add("(witness could not be rebuilt after " + attack.name() + ": " + firstLine(stillBroken) + ")");
            }
            throw failure;
        } finally {
            durations.put(attack.displayName(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String firstLine(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @AfterAll
    void stop() {
        long failures = failed.stream().filter(f -> !f.startsWith("(")).count();
        for (String failure : failed) {
            System.out.println("hostile-input FAILED " + failure);
        }
        durations.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(slow -> System.out.println("hostile-input slowest: " + slow.getValue() + " ms " + slow.getKey()));
        System.out.println("hostile-input: " + passed + " passed, " + failures + " failed");
        try {
            witness.close();
        } finally {
            target.close();
        }
    }
}
