package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.RoomView;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/**
 * A node stopped ({@code kill -STOP}) for longer than the 4 s presence lease, with members on it
 * and on the other node, then resumed ({@code kill -CONT}): docs/cluster.md, "Presence after a
 * stall". While it is stopped the other node sweeps its members and tells the room they left, and
 * one of their names is taken by a newcomer there. Once resumed, the stalled node claims its
 * members back and announces them: they send again without joining again; the one whose name was
 * taken is told {@code presenca_perdida} and joins again (as the page does: without its old
 * {@code chave_sessao}, then under another name when told {@code nome_em_uso}). In the end every
 * member's view of the room (the join ack's list, then {@code usuario_entrou} / {@code usuario_saiu}
 * applied in arrival order) is who is in the room, on both nodes.
 */
@Timeout(120)
@RunsAlone
class ClusterStallIT {

    @Test
    void membersOfANodeStalledPastTheLeaseAreBackOrToldAndEveryViewEndsRight() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create()) {
            ServerProcess stalled = cluster.startNode();
            ServerProcess other = cluster.startNode();
            String room = new Http(other.url()).createRoom("Parada", null);
            List<Member> members = new ArrayList<>();
            try {
                Member ana = Member.joined(stalled, room, "a-ana", members);
                Member bia = Member.joined(stalled, room, "a-bia", members);
                Member caio = Member.joined(stalled, room, "a-caio", members);
                Member davi = Member.joined(other, room, "b-davi", members);
                Member eva = Member.joined(other, room, "b-eva", members);

                long stoppedAt = System.nanoTime();
                signal("STOP", stalled);
                long resumedAt;
                try {
                    // The other node sweeps the stalled node's members once their lease ran out, and tells the room.
                    for (Member onOther : List.of(davi, eva)) {
                        onOther.client.next("usuario_saiu", e -> e.getString("nome_usuario").equals("a-caio"));
                    }
                    long sweptMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
                    Member.joined(other, room, "a-caio", members);  // the name is free: someone takes it
                    System.out.printf("cluster stall: the stopped node's members were swept after %d ms%n", sweptMs);
                } finally {
                    signal("CONT", stalled);
                    resumedAt = System.nanoTime();
                }

                // Back without joining again: their sends are accepted and reach the other node.
                for (Member back : List.of(ana, bia)) {
                    JSONObject ack = back.client.say(room, "de volta " + back.name);
                    assertTrue(ack.optBoolean("ok"), back.name + " sends again after the stall: " + ack + cluster.logs());
                    davi.client.next("mensagem_chat", m -> m.getString("mensagem").equals("de volta " + back.name));
                }
                long sendsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumedAt);
                // The one whose name was taken is told, and joins again as the page would.
                JSONObject told = caio.client.next("erro", e -> "presenca_perdida".equals(e.optString("codigo")));
                assertEquals(room, told.getString("id_sala"));
                long toldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumedAt);
                JSONObject again = caio.join(room, "a-caio");
                assertEquals("nome_em_uso", again.optString("codigo"), again.toString());
                assertTrue(caio.join(room, "a-caio-2").getBoolean("ok"));
                for (Member back : List.of(ana, bia)) {
                    assertTrue(back.client.pending("erro").stream().noneMatch(e -> "presenca_perdida".equals(e.optString("codigo"))),
                            back.name + " was claimed back, not told to join again");
                }

                Set<String> expected = new TreeSet<>(List.of("a-ana", "a-bia", "a-caio", "a-caio-2", "b-davi", "b-eva"));
                for (ServerProcess node : List.of(stalled, other)) {
                    try (ChatClient observer = ChatClient.connect(node.url(), new String[]{"websocket"})) {
                        JSONArray listed = observer.join(room, "observador-" + node.port()).getJSONArray("usuarios");
                        Set<String> names = new TreeSet<>();
                        listed.forEach(name -> names.add((String) name));
                        names.remove("observador-" + node.port());
                        assertEquals(expected, names, "who is in the room, asked on " + node.url());
                    }
                }
                // Every member's view: what the observers' joins and leaves (just above) did to it is undone by now.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline && !members.stream().allMatch(m -> m.view().equals(expected))) {
                    Thread.sleep(100);
                }
                StringBuilder views = new StringBuilder();
                members.stream().filter(m -> !m.view().equals(expected))
                        .forEach(m -> views.append("\n  ").append(m.name).append(" on ").append(m.node).append(": ").append(m.view()));
                assertEquals("", views.toString(), "members whose view of the room is wrong" + cluster.logs());
                for (Member back : List.of(ana, bia)) {
                    assertTrue(back.client.say(room, "ainda aqui").optBoolean("ok"), back.name + " still sends once its node settled");
                }
                System.out.printf("cluster stall: after kill -CONT, the stalled node's members sent again within %d ms;"
                        + " the one whose name was taken was told after %d ms; every view right (%d members)%n", sendsMs, toldMs, members.size());
            } finally {
                members.forEach(m -> m.client.close());
            }
        }
    }

    private static void signal(String signal, ServerProcess node) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + node.pid());
    }

    /** A client and its view of the room, kept as a page keeps it, on the client's one event thread (arrival order). */
    private static final class Member {
        final ChatClient client;
        final String node;
        String name;
        private final RoomView view;

        private Member(ChatClient client, String node) {
            this.client = client;
            this.node = node;
            this.view = RoomView.of(client);
        }

        static Member joined(ServerProcess node, String room, String name, List<Member> all) {
            Member member = new Member(ChatClient.connect(node.url(), new String[]{"websocket"}), node.url());
            all.add(member);
            JSONObject ack = member.join(room, name);
            assertTrue(ack.getBoolean("ok"), name + ": " + ack);
            return member;
        }

        /** {@code entrar}; an ok ack's {@code usuarios} replaces the view, in the event thread's order. */
        JSONObject join(String room, String nickname) {
            CompletableFuture<JSONObject> answer = new CompletableFuture<>();
            client.socket().emit("entrar", new Object[]{new JSONObject().put("id_sala", room).put("nome_usuario", nickname)},
                    (Ack) args -> {
                        JSONObject ack = (JSONObject) args[0];
                        view.joined(ack);
                        if (ack.optBoolean("ok")) {
                            name = nickname;
                        }
                        answer.complete(ack);
                    });
            try {
                return answer.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no ack for entrar as " + nickname + ": " + e, e);
            }
        }

        Set<String> view() {
            return view.names();
        }
    }
}
