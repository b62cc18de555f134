package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;

/** The original's chat flow through a real server and the real Java Socket.IO client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatFlowIT extends ServerTest {

    @Test
    void twoClientsChatInARoom() {
        String room = http.createRoom("Geral", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            JSONObject anaJoined = ana.join(room, "ana");
            assertTrue(anaJoined.getBoolean("ok"));
            assertEquals("ana", ana.next("usuario_entrou").getString("nome_usuario"));

            JSONObject biaJoined = bia.join(room, "bia");
            assertEquals(List.of("ana", "bia"), biaJoined.getJSONArray("usuarios").toList());
            JSONObject seenByAna = ana.next("usuario_entrou");
            assertEquals("bia", seenByAna.getString("nome_usuario"));
            assertEquals(2, seenByAna.getInt("usuarios_online"));

            JSONObject ack = ana.say(room, "  olá, bia!  ");
            assertTrue(ack.getBoolean("ok"));
            JSONObject atBia = bia.next("mensagem_chat");
            JSONObject atAna = ana.next("mensagem_chat");
            assertEquals("olá, bia!", atBia.getString("mensagem"), "text is trimmed");
            assertEquals("ana", atBia.getString("nome_usuario"));
            assertTrue(atBia.getString("horario").matches("\\d\\d:\\d\\d:\\d\\d"));
            assertEquals(ack.getLong("id"), atBia.getLong("id"));
            assertEquals(room, atBia.getString("id_sala"));
            assertTrue(atBia.getString("timestamp").endsWith("Z"));
            assertEquals(atBia.getLong("id"), atAna.getLong("id"), "the sender gets its own message too");

            bia.request("sair", new JSONObject().put("id_sala", room).put("nome_usuario", "bia"));
            JSONObject left = ana.next("usuario_saiu");
            assertEquals("bia", left.getString("nome_usuario"));
            assertEquals(1, left.getInt("usuarios_online"));
        }
    }

    @Test
    void historyReplaysOnEntrarOldestFirst() {
        String room = http.createRoom("Histórico", null);
        http.configure(java.util.Map.of("limite_mensagens_por_minuto", 6000));
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            for (int i = 1; i <= 25; i++) {
                ana.say(room, "mensagem " + i);
            }
        }
        try (ChatClient bia = ChatClient.connect(server.url())) {
            JSONObject joined = bia.join(room, "bia");
            List<JSONObject> history = bia.next("mensagem_chat", 20);
            assertEquals("mensagem 6", history.get(0).getString("mensagem"), "the last 20 messages");
            assertEquals("mensagem 25", history.get(19).getString("mensagem"));
            assertTrue(history.stream().allMatch(m -> m.getBoolean("historico")));
            assertEquals(history.get(19).getLong("id"), joined.getLong("ultimo_id"));
            assertTrue(bia.pending("mensagem_chat").isEmpty(), "no more than 20");
        }
    }

    @Test
    void joiningWithLastSeenIdCatchesUpOnlyWhatWasMissed() {
        String room = http.createRoom("Retomada", null);
        long seen;
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ana.say(room, "um");
            seen = ana.say(room, "dois").getLong("id");
            ana.say(room, "três");
            ana.say(room, "quatro");
        }
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "ana").put("ultimo_id", seen));
            List<JSONObject> missed = ana.next("mensagem_chat", 2);
            assertEquals(List.of("três", "quatro"), missed.stream().map(m -> m.getString("mensagem")).toList());
            assertTrue(ana.pending("mensagem_chat").isEmpty());
        }
    }

    /**
     * After a restart (each room's newest id read back from the store), clients come back with the
     * id they last saw. One that saw the newest message gets nothing again; one that missed it gets
     * exactly that one; a client new to the room gets the history; and a message sent next reaches
     * all three live.
     */
    @Test
    void afterARestartEachReturningClientGetsExactlyWhatItMissed() {
        String room = http.createRoom("Reinício", null);
        long newest;
        long before;
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            before = ana.say(room, "um").getLong("id");
            newest = ana.say(room, "dois").getLong("id");
        }
        server.restart();
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             ChatClient caio = ChatClient.connect(server.url())) {
            JSONObject anaBack = ana.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "ana").put("ultimo_id", newest));
            assertEquals(newest, anaBack.getLong("ultimo_id"));
            JSONObject biaBack = bia.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "bia").put("ultimo_id", before));
            assertFalse(biaBack.getBoolean("mais_historico"));
            assertEquals(List.of("dois"), bia.next("mensagem_chat", 1).stream().map(m -> m.getString("mensagem")).toList());
            caio.join(room, "caio");
            assertEquals(List.of("um", "dois"), caio.next("mensagem_chat", 2).stream().map(m -> m.getString("mensagem")).toList());

            long next = caio.say(room, "três").getLong("id");
            for (ChatClient client : List.of(ana, bia, caio)) {
                assertEquals(next, client.next("mensagem_chat", m -> m.getString("mensagem").equals("três")).getLong("id"));
            }
            assertEquals(List.of(), ana.pending("mensagem_chat").stream().map(m -> m.getString("mensagem")).filter(m -> !m.equals("três"))
                    .toList(), "nothing replayed to the client that had seen the newest");
        }
    }

    @Test
    void originalClientPayloadsWithoutAckOrTokenWorkInAPublicRoom() {
        String room = http.createRoom("Clássica", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.send("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "ana"));
            ana.next("usuario_entrou");
            bia.send("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "bia"));
            ana.next("usuario_entrou", e -> e.getString("nome_usuario").equals("bia"));
            bia.next("usuario_entrou", e -> e.getString("nome_usuario").equals("bia"));

            bia.send("mensagem_chat", new JSONObject().put("id_sala", room).put("nome_usuario", "bia").put("mensagem", "oi"));
            JSONObject message = ana.next("mensagem_chat");
            assertEquals("bia", message.getString("nome_usuario"));
            assertEquals("oi", message.getString("mensagem"));

            bia.send("sair", new JSONObject().put("id_sala", room).put("nome_usuario", "bia"));
            assertEquals("bia", ana.next("usuario_saiu").getString("nome_usuario"));
        }
    }

    @Test
    void protectedRoomRefusesMissingOrWrongTokenAndAdmitsWithThePassword() {
        String room = http.createRoom("Secreta", "s3nha-forte");
        assertEquals(401, http.post("/api/salas/" + room + "/entrar", "{\"senha\":\"errada\"}").status());
        try (ChatClient eve = ChatClient.connect(server.url())) {
            JSONObject refused = eve.join(room, "eve");
            assertFalse(refused.getBoolean("ok"));
            assertEquals("token_invalido", refused.getString("codigo"));
            assertEquals("token_invalido", eve.next("erro").getString("codigo"));

            JSONObject forged = eve.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "eve")
                    .put("token", "Zm9yamFkbw.Zm9yamFkbw"));
            assertEquals("token_invalido", forged.getString("codigo"));
            assertEquals("fora_da_sala", eve.say(room, "entrei?").getString("codigo"));
        }
        String token = http.token(room, "s3nha-forte");
        try (ChatClient ana = ChatClient.connect(server.url())) {
            JSONObject joined = ana.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "ana").put("token", token));
            assertTrue(joined.getBoolean("ok"));
        }
    }

    @Test
    void aRestartKeepsRoomsAndHistory() {
        String room = http.createRoom("Persistente", null);
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ana.say(room, "antes do reinício");
        }
        server.restart();
        try (ChatClient bia = ChatClient.connect(server.url())) {
            bia.join(room, "bia");
            assertEquals("antes do reinício", bia.next("mensagem_chat").getString("mensagem"));
        }
        assertEquals(1, new Http(server.url()).get("/api/salas").json().get(0).get("contador_mensagens").asInt());
    }

    @Test
    void pollingOnlyAndWebSocketOnlyClientsTalkToEachOther() {
        String room = http.createRoom("Transportes", null);
        try (ChatClient polling = ChatClient.connect(server.url(), new String[]{"polling"});
             ChatClient websocket = ChatClient.connect(server.url(), new String[]{"websocket"})) {
            polling.join(room, "pol");
            websocket.join(room, "web");
            polling.say(room, "via polling");
            assertEquals("via polling", websocket.next("mensagem_chat").getString("mensagem"));
            websocket.say(room, "via websocket");
            assertEquals("via websocket", polling.next("mensagem_chat", m -> m.getString("nome_usuario").equals("web")).getString("mensagem"));
        }
    }

    @Test
    void disconnectWithoutSairTellsTheRoomAndCountsFall() {
        String room = http.createRoom("Quedas", null);
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ChatClient bia = ChatClient.connect(server.url());
            bia.join(room, "bia");
            ana.next("usuario_entrou", e -> e.getString("nome_usuario").equals("bia"));
            bia.close();
            JSONObject left = ana.next("usuario_saiu");
            assertEquals("bia", left.getString("nome_usuario"));
            assertEquals(1, left.getInt("usuarios_online"));
            assertEquals(1, http.get("/api/salas/" + room).json().get("contador_usuarios").asInt());
        }
    }

    @Test
    void aRetryWithTheSameClientIdIsStoredOnce() {
        String room = http.createRoom("Idempotente", null);
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            JSONObject payload = new JSONObject().put("id_sala", room).put("mensagem", "uma vez").put("id_cliente", "c-1");
            long first = ana.request("mensagem_chat", payload).getLong("id");
            long retry = ana.request("mensagem_chat", payload).getLong("id");
            assertEquals(first, retry);
            ana.next("mensagem_chat");
        }
        assertEquals(1, http.get("/api/salas/" + room + "/mensagens").json().get("mensagens").size());
    }

    /**
     * A stream into one room (160 messages from 4 members, each sending its next as soon as the
     * last is acknowledged) makes the room busy, so the store's writer lingers between batches
     * (store.BusyRoomPacing): every message is still acknowledged, and every member gets each one
     * once, in id order, without a gap; a bystander in another room chats meanwhile.
     */
    @Test
    void aBusyRoomsStreamReachesEveryMemberOnceInOrder() throws Exception {
        String room = http.createRoom("Movimentada", null);
        String quiet = http.createRoom("Tranquila", null);
        http.configure(java.util.Map.of("limite_mensagens_por_minuto", 6000));
        int members = 4;
        int each = 40;
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < members; c++) {
                ChatClient client = ChatClient.connect(server.url());
                clients.add(client);
                assertTrue(client.join(room, "membro" + c).getBoolean("ok"));
            }
            // Each member sends its next message as soon as the last is acknowledged: a steady stream
            // of 4 senders, fast enough to keep the room busy, so the writer lingers between batches.
            List<CompletableFuture<List<Long>>> senders = new ArrayList<>();
            for (int c = 0; c < members; c++) {
                ChatClient sender = clients.get(c);
                String prefix = c + "-";
                senders.add(CompletableFuture.supplyAsync(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        JSONObject answer = sender.say(room, prefix + i);
                        assertTrue(answer.getBoolean("ok"), answer.toString());
                        ids.add(answer.getLong("id"));
                    }
                    return ids;
                }));
            }
            // A bystander in a quiet room keeps chatting while the busy room's writer lingers.
            try (ChatClient bystander = ChatClient.connect(server.url())) {
                assertTrue(bystander.join(quiet, "visitante").getBoolean("ok"));
                for (int i = 0; i < 5; i++) {
                    JSONObject answer = bystander.say(quiet, "calma " + i);
                    assertTrue(answer.getBoolean("ok"), answer.toString());
                    assertEquals("calma " + i, bystander.next("mensagem_chat").getString("mensagem"));
                }
            }
            List<Long> acknowledged = new ArrayList<>();
            for (CompletableFuture<List<Long>> sender : senders) {
                acknowledged.addAll(sender.get(60, TimeUnit.SECONDS));
            }
            acknowledged.sort(null);
            for (ChatClient client : clients) {
                List<JSONObject> got = client.next("mensagem_chat", members * each);
                List<Long> ids = got.stream().map(m -> m.getLong("id")).toList();
                for (int k = 1; k < ids.size(); k++) {
                    assertEquals(ids.get(k - 1) + 1, ids.get(k), "ids in order, no gap: " + ids);
                }
                assertEquals(acknowledged, ids, "exactly the acknowledged messages");
                int[] nextFrom = new int[members];
                for (JSONObject m : got) {
                    String[] parts = m.getString("mensagem").split("-");
                    int sender = Integer.parseInt(parts[0]);
                    assertEquals(nextFrom[sender]++, Integer.parseInt(parts[1]), "each sender's messages in the order sent");
                }
                assertTrue(client.pending("mensagem_chat").isEmpty(), "nothing twice");
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }
}
