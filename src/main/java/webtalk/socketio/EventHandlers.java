package webtalk.socketio;

/**
 * Where event listeners are registered: on a {@link Namespace}, once, for every socket in it, or on
 * one {@link Socket}. A listener is given the socket the event came from, so one registered on the
 * namespace serves all of them: with tens of events and thousands of connections, registering per
 * socket cost about 2 kB of heap per connection (issue #16, bench/analysis.md).
 */
public interface EventHandlers {

    /** A listener that must not block: it may run on the thread that reads many connections. */
    void on(String event, EventListener listener);

    /**
     * Like {@link #on}, for a listener that blocks (reads the database, say). On WebSocket it runs
     * on a worker thread while that client's next packets wait for it, so events stay in order and
     * the thread that reads every other client's traffic is never held up.
     */
    default void onBlocking(String event, EventListener listener) {
        on(event, new BlockingListener(listener));
    }
}
