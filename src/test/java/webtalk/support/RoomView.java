package webtalk.support;

import java.util.Set;
import java.util.TreeSet;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A member's view of who is in a room, kept as a page keeps it: an {@code entrar} ack's
 * {@code usuarios} replaces it, then each {@code usuario_entrou} / {@code usuario_saiu} applies in
 * arrival order (the Java client runs every handler and ack of a socket on one event thread).
 */
public final class RoomView {

    private final Set<String> names = new TreeSet<>();

    /** Follows the room's join and leave events on {@code client}'s socket. */
    public static RoomView of(ChatClient client) {
        RoomView view = new RoomView();
        client.socket().on("usuario_entrou", args -> view.apply(args, true));
        client.socket().on("usuario_saiu", args -> view.apply(args, false));
        return view;
    }

    /** An ok {@code entrar} ack: its list replaces the view. */
    public synchronized void joined(JSONObject ack) {
        if (ack.optBoolean("ok")) {
            JSONArray list = ack.getJSONArray("usuarios");
            names.clear();
            list.forEach(name -> names.add((String) name));
        }
    }

    private synchronized void apply(Object[] args, boolean joined) {
        String who = ((JSONObject) args[0]).getString("nome_usuario");
        if (joined) {
            names.add(who);
        } else {
            names.remove(who);
        }
    }

    public synchronized Set<String> names() {
        return new TreeSet<>(names);
    }
}
