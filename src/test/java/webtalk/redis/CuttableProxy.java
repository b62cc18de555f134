package webtalk.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of Redis that a test can cut (every connection closed, new ones
 * refused) and restore on the same port: Redis unreachable for a while, as a network split is.
 */
public final class CuttableProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Thread acceptor;

    public CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        ServerSocket first = bindBelowEphemeralRange();
        this.port = first.getLocalPort();
        listen(first);
    }

    /**
     * A port outside the kernel's ephemeral range (32768 and up by default): while the proxy is cut,
     * a client reconnecting to it could otherwise be given the very port as its own source port and
     * connect to itself (TCP self-connect), and the restore could not bind it again.
     */
    private static ServerSocket bindBelowEphemeralRange() throws IOException {
        int start = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
        for (int i = 0; i < 200; i++) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), start + i));
                return socket;
            } catch (IOException taken) {
                socket.close();
            }
        }
        throw new IOException("no free port from " + start);
    }

    public int port() {
        return port;
    }

    /** Closes every proxied connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() throws IOException {
        server.close();
        // The JDK closes a listening socket that a thread is blocked accepting on only once that
        // thread has left accept(): until then it still listens, and restore() could not bind the port.
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    public synchronized void restore() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listen(again);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void listen(ServerSocket socket) {
        server = socket;
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    if (socket.isClosed()) {  // cut between accept() and here: this one is cut too
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;  // cut
                }
            }
        }, "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
