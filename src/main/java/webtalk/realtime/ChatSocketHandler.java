package webtalk.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.StorageException;
import webtalk.chat.ChatService;
import webtalk.chat.JoinResult;
import webtalk.chat.Message;
import webtalk.chat.Polls;
import webtalk.contract.ChatEvents;
import webtalk.contract.Fields;
import webtalk.contract.Payloads;
import webtalk.socketio.Ack;
import webtalk.socketio.EventListener;
import webtalk.socketio.Namespace;
import webtalk.socketio.Socket;

/**
 * Maps the contract's Socket.IO events to {@link ChatService} calls. Every refusal reaches the
 * client as an {@code erro} event (what the original's clients listen for) and, when the client
 * asked for an ack, as {@code {ok:false, codigo, mensagem}}; success acks are {@code {ok:true,…}}.
 */
public final class ChatSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSocketHandler.class);
    private static final String MEMBER = "webtalk.member";
    private static final String RATE_REFUSALS = "webtalk.rateRefusals";
    static final int ABUSE_LIMIT = 30;

    private final ChatService chat;
    private final ZoneId zone;
    private final PollCommands polls;
    private final OwnerSocketHandler owners;
    private final MessageCommands messageCommands;

    /** Room events reach the sockets through the domain, which delivers them (from any node) under the room's lock. */
    public ChatSocketHandler(ChatService chat, Namespace namespace, ZoneId zone, Polls polls, OwnerSocketHandler owners) {
        this.chat = chat;
        this.zone = zone;
        this.polls = new PollCommands(polls);
        this.owners = owners;
        this.messageCommands = new MessageCommands(chat.messages());
        // excluir_mensagem: a connection holding the room's owner or moderator key deletes any message.
        EventListener moderatorDelete = owners.moderatorDelete();
        messageCommands.moderatorsDeleteThrough((socket, payload) -> payload.path("id_sala").isTextual()
                && owners.moderates(socket, payload.get("id_sala").textValue()) ? moderatorDelete : null);
        chat.deliverTo(new RoomBroadcaster(namespace, zone));
        // Once for every socket: each listener finds its member in the socket's attributes.
        // Joining and leaving read the store (room, bans, history): off the thread that reads sockets.
        namespace.onBlocking(ChatEvents.JOIN, guarded(this::join, this::answerJoin));
        namespace.onBlocking(ChatEvents.LEAVE, guarded(this::leave));
        namespace.on(ChatEvents.MESSAGE, this::message);
        namespace.on(ChatEvents.TYPING, (s, args, ack) -> typing(s, args));
        this.polls.listen(namespace, this::guarded);
        messageCommands.register(namespace, this::guarded);
        owners.listen(namespace);
        namespace.onConnect(this::connected);
    }

    private void connected(Socket socket) {
        SocketMember member = new SocketMember(socket, zone);
        socket.attributes().put(MEMBER, member);
        socket.onDisconnect((s, reason) -> chat.disconnected(member));
        owners.connected(socket);
    }

    interface Command {
        Map<String, Object> run(Socket socket, SocketMember member, JsonNode payload);
    }

    /** How a command's reply is sent: {@code send} sends it as it is then. */
    interface Answer {
        void send(Map<String, Object> reply, Runnable send);
    }

    EventListener guarded(Command command) {
        return guarded(command, (reply, send) -> send.run());
    }

    private EventListener guarded(Command command, Answer answer) {
        return (socket, args, ack) -> {
            try {
                JsonNode payload = Fields.object(args.isEmpty() ? null : args.get(0));
                Map<String, Object> reply = command.run(socket, (SocketMember) socket.attributes().get(MEMBER), payload);
                if (ack != null) {
                    answer.send(reply, () -> ack.send(reply));
                }
            } catch (ChatException refused) {
                refuse(socket, ack, Payloads.socketError(refused));
            } catch (StorageException unavailable) {
                // A store or Redis that does not answer: the client is told which, the server's log says why.
                LOG.warn("socket {} event refused: {}", socket.id(), unavailable.getMessage());
                refuse(socket, ack, unavailable.error(), unavailable.error().message());
            } catch (RuntimeException e) {
                LOG.error("socket {} event failed: {}", socket.id(), e.toString());
                refuse(socket, ack, ChatError.INTERNAL, ChatError.INTERNAL.message());
            }
        };
    }

    /**
     * Counts rate-limit refusals in a row; a client that keeps sending past
     * {@link #ABUSE_LIMIT} refusals is not a person typing fast, it is disconnected.
     */
    private static boolean abuses(Socket socket) {
        int refusals = (int) socket.attributes().merge(RATE_REFUSALS, 1, (a, b) -> (int) a + (int) b);
        return refusals >= ABUSE_LIMIT;
    }

    private static void refuse(Socket socket, Ack ack, ChatError error, String message) {
        refuse(socket, ack, Payloads.socketError(error, message));
    }

    /** {@code erro} with the body, and the same body in a refusing ack {@code {ok:false, …}}. */
    static void refuse(Socket socket, Ack ack, Map<String, Object> body) {
        socket.emit(ChatEvents.ERROR, body);
        if (ack != null) {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("ok", false);
            reply.putAll(body);
            ack.send(reply);
        }
    }

    private Map<String, Object> join(Socket socket, SocketMember member, JsonNode payload) {
        String roomId = Fields.requiredText(idAsText(payload), "id_sala");
        OwnerSocketHandler.Claim claim = owners.claim(payload, roomId);  // a wrong room key refuses before joining
        JoinResult joined = chat.join(member, roomId,
                Fields.requiredText(payload, "nome_usuario"), Fields.optionalText(payload, "token"),
                Fields.optionalLong(payload, "ultimo_id"), Fields.optionalText(payload, "chave_sessao"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("id_sala", joined.roomId());
        reply.put("nome_usuario", joined.nickname());
        reply.put("usuarios", joined.members());
        reply.put("ultimo_id", joined.lastMessageId());
        reply.put("mais_historico", joined.moreToCatchUp());
        reply.put("chave_sessao", joined.reclaimKey());
        reply.put("enquetes", polls.seenBy(joined.roomId(), joined.nickname()));
        owners.joined(socket, member, joined.roomId(), claim, reply);
        if (!socket.connected()) {
            // Closed while this join ran (on polling, another request can close the session meanwhile):
            // the close's cleanup may have run before the join claimed the name, which would then stay
            // held by a closed connection that nobody sees leave. The cleanups are idempotent: run them
            // again now that all the join made is in place (a socket's closed flag is set before its
            // disconnect listeners run, so one of the two runs sees the join's work).
            chat.disconnected(member);
            owners.closedWhileJoining(socket);
        }
        return reply;
    }

    /**
     * The join's ack goes in order with the room's {@code usuario_entrou} / {@code usuario_saiu} to
     * this connection, its {@code usuarios} read then: an event told before it is in the list, one
     * told after it applies to the list (see ChatService.answerJoin). If presence cannot say now, the
     * list read by the join goes.
     */
    private void answerJoin(Map<String, Object> reply, Runnable send) {
        try {
            chat.answerJoin((String) reply.get("id_sala"), members -> {
                reply.put("usuarios", members);
                send.run();
            });
        } catch (RuntimeException unavailable) {
            send.run();  // a no-op if it was sent before the failure
        }
    }

    private Map<String, Object> leave(Socket socket, SocketMember member, JsonNode payload) {
        chat.leave(member, Fields.requiredText(idAsText(payload), "id_sala"));
        return Map.of("ok", true);
    }

    /**
     * Acknowledged only once stored: the ack (and any store failure) comes from the store's commit
     * thread; the Jetty thread moves on to the next packet meanwhile.
     */
    private void message(Socket socket, ArrayNode args, Ack ack) {
        CompletableFuture<Message> stored;
        try {
            JsonNode payload = Fields.object(args.isEmpty() ? null : args.get(0));
            SocketMember member = (SocketMember) socket.attributes().get(MEMBER);
            stored = chat.send(member, Fields.requiredText(idAsText(payload), "id_sala"),
                    Fields.optionalText(payload, "nome_usuario"), Fields.optionalText(payload, "mensagem"),
                    Fields.optionalId(payload, "id_cliente"), Fields.optionalLong(payload, "resposta_a"));
        } catch (ChatException refused) {
            refuseMessage(socket, ack, refused);
            return;
        }
        socket.attributes().remove(RATE_REFUSALS);
        stored.whenComplete((message, failure) -> {
            if (failure != null) {
                refuseUnstored(socket, ack, failure);
            } else if (ack != null) {
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("ok", true);
                reply.put("id", message.id());
                reply.put("timestamp", Payloads.timestamp(message.at()));
                ack.send(reply);
            }
        });
    }

    /**
     * A message the store could not commit: the sender gets the store's precise code (disco_cheio,
     * armazenamento_indisponivel, servidor_ocupado). The store logs its change of health once; only
     * a failure it has no code for is logged here, as erro_interno.
     */
    private static void refuseUnstored(Socket socket, Ack ack, Throwable failure) {
        ChatError error = ChatService.unstored(failure);
        if (error == ChatError.INTERNAL) {
            LOG.error("socket {} message not stored: {}", socket.id(), failure.toString());
        }
        refuse(socket, ack, error, error.message());
    }

    private void refuseMessage(Socket socket, Ack ack, ChatException refused) {
        refuse(socket, ack, Payloads.socketError(refused));
        if (refused.error() == ChatError.RATE_LIMITED && abuses(socket)) {
            LOG.warn("socket {} from {} disconnected: kept flooding past the rate limit", socket.id(), socket.remoteAddress());
            socket.disconnect();
        }
    }

    private void typing(Socket socket, ArrayNode args) {
        JsonNode payload = args.isEmpty() ? null : args.get(0);
        if (payload != null && payload.isObject() && payload.path("id_sala").isTextual()) {
            chat.typing((SocketMember) socket.attributes().get(MEMBER), payload.get("id_sala").textValue());
        }
    }

    /** Room ids are strings; a number from an old client is read as its text so it fails as "not found", not "invalid". */
    private static JsonNode idAsText(JsonNode payload) {
        JsonNode id = payload.get("id_sala");
        if (id != null && id.isNumber()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) payload).put("id_sala", id.asText());
        }
        return payload;
    }
}
