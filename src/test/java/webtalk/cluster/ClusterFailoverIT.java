package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/**
 * {@code kill -9} of a node in the middle of traffic, twice (the second victim after the first is
 * back): no acknowledged message lost, none twice, none out of order; the dead node's members leave
 * within the presence bound, and its clients fail over to a live node and catch up by
 * {@code ultimo_id}. The figures (failover, presence cleanup) are printed.
 */
@Timeout(300)
@RunsAlone
class ClusterFailoverIT {

    /** The presence lease's bound, plus the time it takes a sweep to run and the event to travel. */
    private static final long PRESENCE_BOUND_MS = 8_000;

    @Test
    void killingANodeMidTrafficLosesNoAcknowledgedMessageAndItsMembersLeave() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create()) {
            ServerProcess a = cluster.startNode();
            ServerProcess b = cluster.startNode();
            ServerProcess c = cluster.startNode();
            String room = new Http(a.url()).createRoom("Sobrevive", null);
            round(cluster, room, a, b, c, "primeira");
            b.start();  // the first victim comes back on its port, then the second goes
            round(cluster, room, a, c, b, "segunda");
        }
    }

    /** Traffic from {@code victim} and {@code other}, a listener on {@code survivor}; the victim is killed in the middle. */
    private static void round(ClusterNodes cluster, String room, ServerProcess survivor, ServerProcess victim, ServerProcess other,
                              String label) throws Exception {
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        try (ChatClient listener = ChatClient.connect(survivor.url(), new String[]{"websocket"})) {
            long startId = listener.join(room, "ouvinte-" + label).getLong("ultimo_id");
            listener.pending("mensagem_chat");  // the replayed history, sent before the ack: only what follows counts
            List<ChatClient> onVictim = new ArrayList<>();
            List<ChatClient> onOther = new ArrayList<>();
            List<String> reclaimKeys = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ChatClient client = ChatClient.connect(victim.url(), new String[]{"websocket"});
                JSONObject joined = client.join(room, "vitima-" + label + i);
                assertTrue(joined.getBoolean("ok"), joined.toString());
                reclaimKeys.add(joined.getString("chave_sessao"));
                onVictim.add(client);
                onOther.add(joined(other, room, "outro-" + label + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (ChatClient sender : concat(onVictim, onOther)) {
                senders.add(CompletableFuture.runAsync(() -> sendUntil(sender, room, stop, acked)));
            }
            Thread.sleep(1_500);
            long killedAt = System.nanoTime();
            victim.kill();
            // The victim's clients fail over to the survivor, catching up from the last id they saw.
            List<Long> failover = new ArrayList<>();
            List<ChatClient> movedOver = new ArrayList<>();
            for (int i = 0; i < onVictim.size(); i++) {
                // The first takes its own name back at once with its chave_sessao (its ghost is still
                // in the room until the dead node's lease runs out); the second comes back as someone new.
                ChatClient moved = ChatClient.connect(survivor.url(), new String[]{"websocket"});
                JSONObject rejoin = new JSONObject().put("id_sala", room).put("ultimo_id", startId);
                if (i == 0) {
                    rejoin.put("nome_usuario", "vitima-" + label + i).put("chave_sessao", reclaimKeys.get(i));
                } else {
                    rejoin.put("nome_usuario", "movido-" + label + i);
                }
                JSONObject joined = moved.request("entrar", rejoin);
                assertTrue(joined.getBoolean("ok"), joined.toString());
                failover.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                movedOver.add(moved);
            }
            // The dead node's members leave, told by a surviving node.
            String ghost = "vitima-" + label + 1;
            listener.next("usuario_saiu", left -> left.getString("nome_usuario").equals(ghost));
            long presenceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            Thread.sleep(1_000);
            stop.set(true);
            for (CompletableFuture<Void> sender : senders) {
                sender.join();
            }
            System.out.printf("cluster failover (%s kill): clients rejoined on a live node after %s ms; the dead node's other member"
                    + " left after %d ms (the one that reclaimed its name stayed); %d messages acknowledged%n", label, failover, presenceMs, acked.size());
            assertTrue(presenceMs <= PRESENCE_BOUND_MS, "members of the dead node left after " + presenceMs + " ms");

            List<Long> stored = storedIds(survivor, room, startId);
            assertTrue(stored.containsAll(acked), "every acknowledged message is stored: missing "
                    + acked.stream().filter(id -> !stored.contains(id)).toList());
            for (int i = 1; i < stored.size(); i++) {
                assertEquals(stored.get(i - 1) + 1, stored.get(i), "ids without gaps: " + stored);
            }
            // The listener on the survivor saw every stored message once, in order.
            List<Long> heard = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (heard.size() < stored.size() && System.nanoTime() < deadline) {
                listener.pending("mensagem_chat").forEach(m -> heard.add(m.getLong("id")));
                Thread.sleep(50);
            }
            assertEquals(stored, heard, "the listener got each stored message once and in order" + cluster.logs());
            // A moved client caught up on everything after the id it gave.
            for (ChatClient moved : movedOver) {
                List<Long> caughtUp = new ArrayList<>();
                moved.pending("mensagem_chat").forEach(m -> caughtUp.add(m.getLong("id")));
                assertTrue(caughtUp.containsAll(stored), "caught up by ultimo_id: " + caughtUp);
                moved.close();
            }
            onOther.forEach(ChatClient::close);
        }
    }

    private static ChatClient joined(ServerProcess node, String room, String name) {
        ChatClient client = ChatClient.connect(node.url(), new String[]{"websocket"});
        assertTrue(client.join(room, name).getBoolean("ok"));
        return client;
    }

    private static void sendUntil(ChatClient sender, String room, AtomicBoolean stop, Set<Long> acked) {
        for (int n = 0; n < 2_000 && !stop.get(); n++) {
            JSONObject ack;
            try {
                ack = sender.say(room, "msg " + n);
            } catch (AssertionError noAck) {
                return;  // its node died: this message was not acknowledged, and need not be stored
            }
            if (!ack.getBoolean("ok")) {
                return;
            }
            acked.add(ack.getLong("id"));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<Long> storedIds(ServerProcess node, String room, long after) {
        List<Long> ids = new ArrayList<>();
        Http http = new Http(node.url());
        boolean more = true;
        while (more) {
            Http.Answer page = http.get("/api/salas/" + room + "/mensagens?depois=" + (ids.isEmpty() ? after : ids.get(ids.size() - 1))
                    + "&limite=100");
            assertEquals(200, page.status(), page.body());
            for (JsonNode message : page.json().get("mensagens")) {
                ids.add(message.get("id").asLong());
            }
            more = page.json().get("mais").asBoolean();
        }
        return ids;
    }

    private static List<ChatClient> concat(List<ChatClient> first, List<ChatClient> second) {
        List<ChatClient> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
