package webtalk.socketio;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Engine.IO's HTTP long-polling transport for one session (engine.io's {@code transports/polling};
 * the HTTP side is {@link PollingEndpoint}): a bounded queue of frames waiting for the client's
 * next GET, the GET held until one arrives, the one-POST-at-a-time rule, and what the client's
 * last GET learns after the session is closed.
 *
 * <p>Not thread-safe: its {@link EngineSession} calls it with the session's monitor held, so a
 * transport change (the upgrade) and a send are one atomic step.
 */
final class PollingTransport {

    /** Separates packets in one polling payload (engine.io protocol v4, "Payload"). */
    static final char SEPARATOR = '\u001e';

    /** Made at the first frame queued: a session that starts on WebSocket never queues here. */
    private ArrayDeque<Frame> queue;
    private final int maxQueued;
    private CompletableFuture<String> pendingPoll;
    private boolean postInProgress;
    /**
     * Closed with no GET pending: what the client's next GET gets (a noop, or the last packets and
     * the close packet) before the sid is forgotten; null once answered.
     */
    private String farewell;

    PollingTransport(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /**
     * Queues frames that must stay together and answers the held GET with them; false, queueing
     * nothing, when they would exceed maxQueuedPackets (the session drops the slow consumer).
     */
    boolean offer(Frame[] frames) {
        if ((queue == null ? 0 : queue.size()) + frames.length > maxQueued) {
            return false;
        }
        for (Frame frame : frames) {
            queue().addLast(frame);
        }
        if (pendingPoll != null) {
            CompletableFuture<String> poll = pendingPoll;
            pendingPoll = null;
            poll.complete(drainPayload());
        }
        return true;
    }

    /**
     * A GET: answered at once when frames wait, or with a noop while the client pauses polling to
     * finish an upgrade ({@code upgrading}), otherwise held until a frame is queued. Null when a
     * GET is already held (the spec closes the session then).
     */
    CompletableFuture<String> poll(boolean upgrading) {
        if (pendingPoll != null) {
            return null;
        }
        if (!nothingQueued()) {
            return CompletableFuture.completedFuture(drainPayload());
        }
        if (upgrading) {
            // engine.io does the same with a noop every 100 ms while upgrading.
            return CompletableFuture.completedFuture("6");
        }
        pendingPoll = new CompletableFuture<>();
        return pendingPoll;
    }

    /** Answers the held GET with a noop, so the client can pause polling for the upgrade. */
    void releaseHeldPoll() {
        if (pendingPoll != null) {
            CompletableFuture<String> poll = pendingPoll;
            pendingPoll = null;
            poll.complete("6");
        }
    }

    /** The upgrade is done: what polling had not delivered yet goes to {@code next}, in order. */
    void drainTo(Consumer<Frame> next) {
        while (!nothingQueued()) {
            next.accept(queue.pollFirst());
        }
    }

    /** Marks a POST as in progress; false if another one already is. */
    boolean beginPost() {
        if (postInProgress) {
            return false;
        }
        postInProgress = true;
        return true;
    }

    void endPost() {
        postInProgress = false;
    }

    private ArrayDeque<Frame> queue() {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        return queue;
    }

    private boolean nothingQueued() {
        return queue == null || queue.isEmpty();
    }

    /** The HTTP long-polling payload: every queued frame, separated by the record separator. */
    private String drainPayload() {
        StringBuilder payload = new StringBuilder();
        while (!nothingQueued()) {
            Frame frame = queue.pollFirst();
            if (payload.length() > 0) {
                payload.append(SEPARATOR);
            }
            if (frame.isText()) {
                payload.append(frame.text());
            } else {
                payload.append('b').append(Base64.getEncoder().encodeToString(frame.binary()));
            }
        }
        return payload.toString();
    }

    // ---- closing -----------------------------------------------------------------------------

    /**
     * What closing the session means for polling: the held GET (or null) and its answer, and
     * whether the sid must linger for the client's next GET because none is held.
     */
    record Farewell(CompletableFuture<String> heldPoll, String answer, boolean lingers) {
        /** Answers the held GET, if there is one; called without the session's monitor. */
        void answerHeldPoll() {
            if (heldPoll != null) {
                heldPoll.complete(answer);
            }
        }
    }

    /**
     * The session closes: takes the held GET, decides what it — or the next GET, if none is held —
     * is answered, and drops every queued frame.
     *
     * @param tellClient   the client is told: it gets what it has not seen yet, {@code last} (why), and the close packet
     * @param clientClosed the client sent the close packet itself: a GET still in flight gets a noop
     */
    Farewell close(boolean tellClient, boolean clientClosed, Frame[] last) {
        CompletableFuture<String> held = pendingPoll;
        pendingPoll = null;
        String answer = null;
        boolean lingers;
        if (tellClient) {
            // A bare close packet does not linger: as engine.io, the sid is forgotten at once,
            // and the next GET's "Session ID unknown" says as much.
            lingers = held == null && (!nothingQueued() || last.length > 0);
            for (Frame frame : last) {
                queue().addLast(frame);
            }
            queue().addLast(Frame.text("1"));
            answer = drainPayload();
        } else if (clientClosed) {
            answer = "6";  // the client knows already, but has a GET in flight
            lingers = held == null;
        } else {
            lingers = false;
        }
        queue = null;
        if (lingers) {
            farewell = answer;
        }
        return new Farewell(held, answer != null ? answer : "6", lingers);
    }

    /**
     * The one GET a closed session still answers: its farewell (a noop after the client's own
     * close packet, engine.io's "shouldClose"; else the last packets and the close packet), or a
     * bare close packet when there is none or it was already given.
     */
    String takeFarewell() {
        String last = farewell == null ? "1" : farewell;
        farewell = null;
        return last;
    }
}
