package webtalk.store;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.StoreHealth;

/**
 * The message writer's health as its batches succeed or fail, published as one volatile
 * {@link StoreHealth} that senders read. Shared by the engines' writers: a database that
 * cannot be reached ({@link StoreException.Kind#UNAVAILABLE}) refuses at once, as a full disk does,
 * since every next batch would wait for the same failure. One log line per change of status, never one per message:
 * the first disk_full or unreachable database, the third wholly failed batch in a row, the writer stopping, and the first
 * commit after any of them. While refusing, every {@link #RETRY_AFTER_NANOS} the writer lets senders
 * queue again, so that one batch finds out whether the condition cleared; a batch that commits
 * makes it healthy, one that fails the same way closes the door again without a new line.
 * Changed only by the writer thread.
 */
public final class WriterHealth {

    /** Wholly failed batches in a row (not disk_full nor an unreachable database, which count at once) before senders are refused. */
    public static final int FAILURES_BEFORE_REFUSING = 3;
    public static final long RETRY_AFTER_NANOS = 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(WriterHealth.class);

    private final LongSupplier nanoTime;
    private volatile StoreHealth current = StoreHealth.OK;
    private int failuresInARow;
    private long refusingSince;
    private boolean stopped;

    public WriterHealth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public StoreHealth current() {
        return current;
    }

    /** Something of a batch committed: the store writes. */
    public void committed() {
        failuresInARow = 0;
        StoreHealth was = current;
        if (was != StoreHealth.OK && !stopped) {
            current = StoreHealth.OK;
            if (!was.ok()) {
                LOG.info("store recovered: messages are stored again (was {})", was);
            }
        }
    }

    /** Nothing of a batch committed; {@code cause} is why the last of it failed. */
    public void failed(StoreException cause) {
        if (cause.kind() == StoreException.Kind.REJECTED || stopped) {
            return;
        }
        failuresInARow++;
        StoreHealth.Status status;
        if (cause.kind() == StoreException.Kind.DISK_FULL) {
            status = StoreHealth.Status.DISK_FULL;
        } else if (cause.kind() == StoreException.Kind.UNAVAILABLE || failuresInARow >= FAILURES_BEFORE_REFUSING) {
            // The database cannot be reached: every sender would wait for the same failure.
            status = StoreHealth.Status.FAILING;
        } else {
            return;
        }
        refuse(new StoreHealth(status, shortReason(cause), false));
    }

    /** The writer cannot go on (its thread is ending without a close): refuse for good. */
    public void stopped(Throwable cause) {
        stopped = true;
        current = new StoreHealth(StoreHealth.Status.FAILING, "the message writer stopped: " + cause, false);
        LOG.error("store failing: the message writer stopped ({}); messages are refused until WebTalk restarts", cause.toString());
    }

    /** Called by the writer between batches: after a while of refusing, lets one more batch try. */
    public void tick() {
        StoreHealth health = current;
        if (!health.accepting() && !stopped && nanoTime.getAsLong() - refusingSince >= RETRY_AFTER_NANOS) {
            current = health.accepting(true);
        }
    }

    private void refuse(StoreHealth next) {
        StoreHealth was = current;
        refusingSince = nanoTime.getAsLong();
        current = next;
        if (was.status() != next.status()) {
            LOG.error("store {}: messages are refused until a write succeeds again (retried every {} s)", next,
                    RETRY_AFTER_NANOS / 1_000_000_000L);
        }
    }

    private static String shortReason(StoreException cause) {
        String message = cause.getMessage();
        return message == null ? cause.kind().name() : message.lines().findFirst().orElse(message);
    }
}
