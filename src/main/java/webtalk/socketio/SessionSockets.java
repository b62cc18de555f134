package webtalk.socketio;

import java.util.Arrays;

/**
 * The Socket.IO sockets multiplexed on one Engine.IO session, one per namespace. A session nearly
 * always carries one, so they are an array copied on change, not a concurrent map: with thousands
 * of idle connections, a map's table and entries would be memory per connection for one pointer.
 * Reads take no lock; changes are serialized on this object.
 */
final class SessionSockets {

    private static final ClientSocket[] NONE = {};

    private volatile ClientSocket[] sockets = NONE;

    /** The socket on {@code namespace}, or null. */
    ClientSocket get(String namespace) {
        for (ClientSocket socket : sockets) {
            if (socket.namespace().name().equals(namespace)) {
                return socket;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return sockets.length == 0;
    }

    /** Adds {@code socket} unless its namespace already has one; whether it was added. */
    synchronized boolean add(ClientSocket socket) {
        if (get(socket.namespace().name()) != null) {
            return false;
        }
        ClientSocket[] grown = Arrays.copyOf(sockets, sockets.length + 1);
        grown[sockets.length] = socket;
        sockets = grown;
        return true;
    }

    /** Removes and returns the socket on {@code namespace}, or null. */
    synchronized ClientSocket remove(String namespace) {
        ClientSocket socket = get(namespace);
        if (socket != null) {
            remove(socket);
        }
        return socket;
    }

    /** Removes {@code socket} if it is still here. */
    synchronized void remove(ClientSocket socket) {
        ClientSocket[] current = sockets;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == socket) {
                ClientSocket[] shrunk = new ClientSocket[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                sockets = shrunk.length == 0 ? NONE : shrunk;
                return;
            }
        }
    }

    /** Removes them all and returns them. */
    synchronized ClientSocket[] clear() {
        ClientSocket[] all = sockets;
        sockets = NONE;
        return all;
    }
}
