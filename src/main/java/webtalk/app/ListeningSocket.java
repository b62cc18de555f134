package webtalk.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import webtalk.config.Settings;

/**
 * The server's listening socket: passed by a service manager that holds it across restarts (see
 * {@link #bind}), or bound at the beginning of a start instead of when the HTTP stack
 * starts, about a second later (the store, the routes, Jetty). Clients that connect in between
 * wait in the kernel's accept queue and are served once the server is ready. Without this, they
 * are refused. After a restart thousands of clients come back in that second, and socket.io-client
 * waits 1–3 s after a refusal, then 2–6 s, before it tries again (issue #16's reconnect storm).
 *
 * <p>The accept queue holds {@link #ACCEPT_QUEUE} connections; the kernel caps it at
 * {@code net.core.somaxconn}. Jetty's default left it to the JVM's 50. In a reconnect storm of
 * 5,000 that queue overflowed about 2,700 times, and the kernel then drops the client's SYN: each
 * of those clients waited a SYN retransmission, 1 s or more. The queue holds connections the
 * kernel has completed and nothing else, so it costs this process no memory. Once Jetty accepts a
 * connection, the per-address and total connection limits apply as before.
 */
final class ListeningSocket {

    /** Node.js's and uWebSockets' default is 511–512; a restart under thousands of clients needs more. */
    static final int ACCEPT_QUEUE = 4096;

    private final ServerSocketChannel channel;
    private final boolean passed;

    private ListeningSocket(ServerSocketChannel channel, boolean passed) {
        this.channel = channel;
        this.passed = passed;
    }

    /**
     * The socket a service manager passed on standard input (systemd's {@code webtalk.socket} with
     * {@code StandardInput=socket}), else HOST:PORT bound here (PORT 0: any free port). Its
     * {@link #connector} hands it to Jetty, which closes a bound one when it stops; if the start
     * fails first, {@link #closeIfOwn}. A passed one stays open until the process exits (see
     * {@link PassedSocketConnector}); the service manager keeps its own copy and queues
     * connections for the next process.
     *
     * @throws StartupException when the port is taken or the address cannot be bound
     */
    static ListeningSocket open(Settings settings) {
        ServerSocketChannel passed = passedByServiceManager();
        return passed != null ? new ListeningSocket(passed, true) : new ListeningSocket(bindOwn(settings), false);
    }

    /** Jetty's connector on this socket: it binds nothing itself. */
    ServerConnector connector(Server server, ConnectionFactory factory, Settings settings) throws IOException {
        if (passed) {
            return new PassedSocketConnector(server, channel, factory);
        }
        ServerConnector connector = new ServerConnector(server, factory);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.open(channel);
        return connector;
    }

    /** The address of the socket the service manager passed, if it passed one (HOST and PORT do not apply then). */
    static java.util.Optional<InetSocketAddress> passedAddress() {
        ServerSocketChannel passed = passedByServiceManager();
        try {
            return passed == null ? java.util.Optional.empty() : java.util.Optional.of((InetSocketAddress) passed.getLocalAddress());
        } catch (IOException | ClassCastException e) {
            return java.util.Optional.empty();
        }
    }

    private static ServerSocketChannel passedByServiceManager() {
        try {
            // The JVM asks once and keeps the answer: null unless standard input is a socket.
            return System.inheritedChannel() instanceof ServerSocketChannel listening ? listening : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static ServerSocketChannel bindOwn(Settings settings) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            // As Jetty does: a restart may bind while the previous process's connections are in TIME_WAIT.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(settings.host(), settings.port()), ACCEPT_QUEUE);
            return channel;
        } catch (BindException e) {
            closeQuietly(channel);
            if (!String.valueOf(e.getMessage()).contains("in use")) {
                throw new StartupException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
            }
            throw new StartupException("port " + settings.port() + " on " + settings.host() + " is in use by another program"
                    + " — stop it, or choose another port with PORT=…", e);
        } catch (IOException | IllegalArgumentException | SecurityException e) {  // IllegalArgument: an unresolved HOST
            closeQuietly(channel);
            throw new StartupException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e, e);
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // never bound, or nothing was served on it: the start is given up anyway
            }
        }
    }

    /** For a start that failed before Jetty took the socket: closes one bound here; a passed one stays open (closing it would send the failed start's log line to /dev/null). */
    void closeIfOwn() {
        if (!passed) {
            closeQuietly(channel);
        }
    }
}
