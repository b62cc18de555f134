package webtalk.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes HTTP/1 connections that take too long to send one request (slowloris: headers a byte at a
 * time, or a body trickled in). Jetty's idle timeout restarts at every byte, and its minimum data
 * rate covers only the body, so neither bounds the header block. Here a request whose headers or
 * body are still arriving {@code limit} after its first byte is cut off.
 *
 * <p>Only the reading of a request counts: once it is whole, the handler may hold it as long as it
 * likes (an Engine.IO long-poll waits 25 s), and a keep-alive connection between requests is left
 * to the idle timeout. Added to the connector as a bean: it hears every connection open and close,
 * and checks the open HTTP/1 ones once a second on the connector's scheduler — one set entry per
 * open connection, removed when it closes or is upgraded to WebSocket.
 */
public final class SlowRequests extends AbstractLifeCycle implements Connection.Listener {

    private static final long CHECK_EVERY_MILLIS = 1_000;

    private final long limitNanos;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private volatile Scheduler scheduler;

    public SlowRequests(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** Call once, before the server starts: the guard becomes a bean (and connection listener) of the connector. */
    public void attachTo(AbstractConnector connector) {
        connector.addBean(this);
        this.scheduler = connector.getScheduler();
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.add(http);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** Connections being watched now; for tests and the resource budget. */
    int watched() {
        return open.size();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            scheduler.schedule(this::checkAndReschedule, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void checkAndReschedule() {
        try {
            check();
        } finally {
            schedule();
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (HttpConnection connection : open) {
            if (!connection.getEndPoint().isOpen() || connection.getEndPoint().getConnection() != connection) {
                open.remove(connection);  // closed or upgraded without telling us
                continue;
            }
            HttpParser parser = connection.getParser();
            // the parser stamps the first byte of each request with System.nanoTime()
            if (stillArriving(parser) && now - parser.getBeginNanoTime() > limitNanos) {
                open.remove(connection);
                connection.getEndPoint().close();
            }
        }
    }

    /**
     * Between the first byte of a request and its last: headers begun but not complete, or a body
     * still owed (chunks, or fewer bytes than its Content-Length). A whole request held by its
     * handler (a bodiless long-poll GET) is not arriving.
     */
    private static boolean stillArriving(HttpParser parser) {
        if (parser.inHeaderState()) {
            return !parser.isStart();
        }
        return parser.inContentState() && (parser.isChunking() || parser.getContentLength() > parser.getContentRead());
    }
}
