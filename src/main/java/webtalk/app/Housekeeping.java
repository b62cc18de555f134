package webtalk.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.Leadership;

/**
 * The timed chores, on one daemon thread. Two kinds: this node's own (sweeping its limiters,
 * refreshing its members' presence), run on every node; and the deployment's (closing idle rooms,
 * applying retention), run only while {@link Leadership} says this node leads, so a cluster does
 * them once. A chore that fails is one log line when it starts failing and one when it works again
 * (a Redis outage fails several chores every second: the log says so once each, not every second);
 * the schedule (and the next chore) carries on.
 */
final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final Leadership leadership;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webtalk-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    Housekeeping(Leadership leadership) {
        this.leadership = leadership;
    }

    /** Runs on every node, every {@code period} after {@code delay}. */
    void local(String chore, Runnable task, long delay, long period, TimeUnit unit) {
        Chore guarded = new Chore(chore);
        timer.scheduleWithFixedDelay(() -> guarded.run(task), delay, period, unit);
    }

    /** Runs on the leading node only: asked each time, so leadership may move between rounds. */
    void shared(String chore, Runnable task, long delay, long period, TimeUnit unit) {
        Chore guarded = new Chore(chore);
        timer.scheduleWithFixedDelay(() -> guarded.run(() -> {
            if (leadership.leads()) {
                task.run();
            }
        }), delay, period, unit);
    }

    /** One chore's failures, logged as they begin and end (runs on the one timer thread). */
    private static final class Chore {
        private final String name;
        private boolean failing;

        Chore(String name) {
            this.name = name;
        }

        void run(Runnable task) {
            try {
                task.run();
                if (failing) {
                    failing = false;
                    LOG.info("{} works again", name);
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.error("{} failed: {} (told once until it works again)", name, e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
