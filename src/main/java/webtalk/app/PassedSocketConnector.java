package webtalk.app;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty's connector on the listening socket a service manager passed (systemd's webtalk.socket,
 * {@link ListeningSocket}). The socket is never closed here. The JDK's channel for a passed
 * socket points the process's standard input, output and error at /dev/null when it closes (for
 * inetd, where they are the socket). That would lose every log line after it, the stop's own
 * included. Jetty closes its channel when it stops, and its acceptor thread blocks in
 * {@code accept()}, where the interrupt that stops it would close the channel too. So this
 * connector waits for connections on a selector instead, which an interrupt only wakes. The
 * process's exit closes the socket; the service manager keeps its own copy and queues connections
 * for the next process.
 */
final class PassedSocketConnector extends ServerConnector {

    /** How long an acceptor waits before Jetty's loop checks again whether it still runs. */
    private static final long WAIT_MILLIS = 200;

    private final ServerSocketChannel passed;
    private final Selector waiting;

    PassedSocketConnector(Server server, ServerSocketChannel passed, ConnectionFactory factory) throws IOException {
        super(server, 1, -1, factory);
        this.passed = passed;
        open(passed);
        passed.configureBlocking(false);
        this.waiting = Selector.open();
        passed.register(waiting, SelectionKey.OP_ACCEPT);
    }

    @Override
    public void open() {
        // Opened once, on the passed socket (the constructor): nothing to bind.
    }

    @Override
    public void accept(int acceptorId) throws IOException {
        if (waiting.select(WAIT_MILLIS) == 0) {
            return;  // nothing yet, or Jetty's stop interrupted the wait
        }
        waiting.selectedKeys().clear();
        // Once the stop began (WebTalk.close), connections stay queued for the next process.
        if (!isAccepting() || !isRunning()) {
            return;
        }
        SocketChannel channel = passed.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(getAcceptedTcpNoDelay());
        getSelectorManager().accept(channel);
    }

    @Override
    public void close() {
        try {
            waiting.close();
        } catch (IOException e) {
            // only the wait's own selector; the passed socket stays open as intended
        }
    }
}
