package webtalk.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.admin.AuditLog;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.MemberConnection;
import webtalk.chat.RoomOwners;
import webtalk.chat.RoomRoles;
import webtalk.chat.StorageException;
import webtalk.contract.ChatEvents;
import webtalk.contract.Fields;
import webtalk.contract.OwnerEvents;
import webtalk.contract.OwnerLinks;
import webtalk.contract.Payloads;
import webtalk.socketio.Ack;
import webtalk.socketio.EventHandlers;
import webtalk.socketio.EventListener;
import webtalk.socketio.Socket;

/**
 * The owners' and moderators' Socket.IO events (docs/protocol.md, "Donos e moderadores"). A
 * connection becomes a room's owner or moderator by presenting the key on {@code entrar}
 * ({@link #claim} before the join, {@link #joined} after it); the key is kept for the connection's
 * life and checked against the store on every action, so a rotated key stops working at once, on
 * every node. Each action is audited with who did it (dono or moderador) and the room.
 */
public final class OwnerSocketHandler implements RoomRoles {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerSocketHandler.class);
    private static final String KEYS = "webtalk.roomKeys";
    /** Rooms a connection may hold a key for at once: each entry is a few bytes, but a client must not grow it without end. */
    static final int MAX_KEYS_PER_CONNECTION = 32;
    private static final int KEY_MAX = 128;

    private final RoomOwners owners;
    private final AuditLog audit;
    private final ZoneId zone;

    public OwnerSocketHandler(RoomOwners owners, AuditLog audit, ZoneId zone) {
        this.owners = owners;
        this.audit = audit;
        this.zone = zone;
    }

    /** A key presented on {@code entrar}, checked before the member is admitted. */
    record Claim(String key, RoomOwners.Role role) {
    }

    /**
     * Reads {@code chave_dono} / {@code chave_moderacao} of an {@code entrar} and checks it before
     * the join: a wrong key refuses the whole join with {@code chave_invalida}, and nothing happened.
     */
    Claim claim(JsonNode payload, String roomId) {
        String key = Fields.optionalText(payload, OwnerEvents.OWNER_KEY);
        if (key == null) {
            key = Fields.optionalText(payload, OwnerEvents.MODERATOR_KEY);
        }
        if (key != null && (key.isEmpty() || key.length() > KEY_MAX)) {
            throw new ChatException(ChatError.INVALID_ROOM_KEY);
        }
        return new Claim(key, owners.roleOf(roomId, key));
    }

    /** After a successful join: the role is kept for the connection, and the ack tells it, the pins and the slow mode. */
    void joined(Socket socket, MemberConnection member, String roomId, Claim claim, Map<String, Object> reply) {
        RoomOwners.Role role = claim.role();
        if (claim.key() != null) {
            ConcurrentMap<String, String> keys = keys(socket);
            if (keys.size() >= MAX_KEYS_PER_CONNECTION && !keys.containsKey(roomId)) {
                keys.clear();  // a client juggling that many rooms keeps the newest; it can present the others again
            }
            keys.put(roomId, claim.key());
            owners.proved(member, roomId);
        } else {
            String proved = provedKeys(socket).get(roomId);
            if (proved != null) {
                role = owners.roleOf(roomId, proved);  // joined again on this connection: the key still counts
            }
        }
        reply.put("papel", role.code());
        reply.put("fixadas", Payloads.messages(owners.pinned(roomId), zone));
        reply.put("modo_lento_segundos", owners.slowModeSeconds(roomId));
        reply.put("enquetes_somente_moderadores", owners.pollsModeratorsOnly(roomId));
    }

    /** A connection that closed while it joined: what {@link #joined} recorded for it goes again. */
    void closedWhileJoining(Socket socket) {
        owners.disconnected(socket.id());
    }

    /**
     * The moderators' {@code excluir_mensagem}: any message of the room, audited. Not registered
     * here: {@link MessageCommands} owns the event and takes this path when {@link #moderates} says
     * so, the author's own otherwise.
     */
    EventListener moderatorDelete() {
        return guarded((s, p, room) -> {
            owners.deleteMessage(room, messageId(p));
            return Map.of("id", messageId(p));
        }, "mensagem_excluida", false);
    }

    /** Registers the owners' events (on the namespace: once for every socket); called by {@link ChatSocketHandler}. */
    void listen(EventHandlers handlers) {
        handlers.onBlocking(OwnerEvents.EDIT_ROOM, guarded((s, p, room) -> {
            var changed = owners.editTopic(room, Fields.optionalText(p, "nome"), Fields.optionalText(p, "descricao"));
            return Map.of("nome", changed.name(), "descricao", changed.description());
        }, "sala_editada", false));
        handlers.onBlocking(OwnerEvents.PIN, guarded((s, p, room) -> {
            owners.pin(room, messageId(p));
            return Map.of("id", messageId(p), "fixada", true);
        }, "mensagem_fixada", false));
        handlers.onBlocking(OwnerEvents.UNPIN, guarded((s, p, room) -> {
            owners.unpin(room, messageId(p));
            return Map.of("id", messageId(p), "fixada", false);
        }, "mensagem_desafixada", false));
        handlers.onBlocking(OwnerEvents.KICK, guarded((s, p, room) -> {
            owners.kick(room, Fields.requiredText(p, "nome_usuario"));
            return Map.of();
        }, "usuario_expulso", false));
        handlers.onBlocking(OwnerEvents.BAN, guarded((s, p, room) -> {
            Integer minutes = Fields.optionalInt(p, "minutos");
            owners.ban(room, Fields.requiredText(p, "nome_usuario"), minutes == null ? 60 : minutes);
            return Map.of("minutos", minutes == null ? 60 : minutes);
        }, "usuario_banido", false));
        handlers.onBlocking(OwnerEvents.SLOW_MODE, guarded((s, p, room) -> {
            Integer seconds = Fields.optionalInt(p, "segundos");
            if (seconds == null) {
                throw new ChatException(ChatError.INCOMPLETE_DATA);
            }
            owners.setSlowMode(room, seconds);
            return Map.of("segundos", seconds);
        }, "modo_lento_alterado", false));
        handlers.onBlocking(OwnerEvents.POLL_SETTING, guarded((s, p, room) -> {
            Boolean moderatorsOnly = Fields.optionalBoolean(p, "somente_moderadores");
            if (moderatorsOnly == null) {
                throw new ChatException(ChatError.INCOMPLETE_DATA);
            }
            owners.setPollsModeratorsOnly(room, moderatorsOnly);
            return Map.of("somente_moderadores", moderatorsOnly);
        }, "enquetes_configuradas", false));
        handlers.onBlocking(OwnerEvents.CLOSE_ROOM, guarded((s, p, room) -> {
            owners.close(room);
            return Map.of();
        }, "sala_encerrada", false));
        handlers.onBlocking(OwnerEvents.MODERATOR_LINK, guarded((s, p, room) -> {
            RoomOwners.IssuedKey issued = owners.issueModeratorKey(room);
            return Map.of("chave_moderacao", issued.key(), "link_moderacao", OwnerLinks.moderator(room, issued.key()));
        }, "chave_moderacao_gerada", true));
        handlers.onBlocking(OwnerEvents.ROTATE_OWNER_KEY, guarded((s, p, room) -> {
            RoomOwners.IssuedKey issued = owners.issueOwnerKey(room);
            keys(s).put(room, issued.key());  // this connection stays the owner with its new key
            return Map.of("chave_dono", issued.key(), "link_dono", OwnerLinks.owner(room, issued.key()));
        }, "chave_dono_trocada", true));
    }

    /** A new connection: its owner keys are forgotten when it goes. */
    void connected(Socket socket) {
        socket.onDisconnect((s, reason) -> owners.disconnected(s.id()));
    }

    /**
     * Whether this connection moderates the room (it presented a key that is still valid): the
     * check a merged {@code excluir_mensagem} makes first — a moderator's deletion takes the
     * owner path ({@link RoomOwners#deleteMessage}), anyone else's the author's own.
     */
    boolean moderates(Socket socket, String roomId) {
        String key = provedKeys(socket).get(roomId);
        if (key == null) {
            return false;
        }
        try {
            return owners.roleOf(roomId, key).moderates();
        } catch (ChatException rotatedOrGone) {
            return false;
        }
    }

    /** The {@link RoomRoles} port: a connection moderates a room when its socket holds a still valid key for it. */
    @Override
    public boolean moderates(MemberConnection member, String roomId) {
        return member instanceof SocketMember socketMember && moderates(socketMember.socket(), roomId);
    }

    private interface Power {
        Map<String, Object> run(Socket socket, JsonNode payload, String roomId);
    }

    /**
     * Decodes, authorizes (the connection's key for the room, checked now), runs, audits, acks;
     * every refusal is {@code erro} + {@code {ok:false,…}} as in {@link ChatSocketHandler}.
     */
    private EventListener guarded(Power power, String auditAction, boolean manageKeys) {
        return (socket, args, ack) -> {
            try {
                JsonNode payload = Fields.object(args.isEmpty() ? null : args.get(0));
                String roomId = Fields.requiredText(payload, "id_sala");
                RoomOwners.Role role = owners.authorize(roomId, provedKeys(socket).get(roomId), manageKeys);
                Map<String, Object> result = power.run(socket, payload, roomId);
                audit.record(auditAction, roomId, target(payload), role.code() + detail(payload), socket.remoteAddress());
                if (ack != null) {
                    Map<String, Object> reply = new LinkedHashMap<>();
                    reply.put("ok", true);
                    reply.put("id_sala", roomId);
                    reply.putAll(result);
                    ack.send(reply);
                }
            } catch (ChatException refused) {
                ChatSocketHandler.refuse(socket, ack, Payloads.socketError(refused));
            } catch (StorageException unavailable) {
                LOG.warn("socket {} owner event refused: {}", socket.id(), unavailable.getMessage());
                refuse(socket, ack, unavailable.error(), unavailable.error().message());
            } catch (RuntimeException e) {
                LOG.error("socket {} owner event failed: {}", socket.id(), e.toString());
                refuse(socket, ack, ChatError.INTERNAL, ChatError.INTERNAL.message());
            }
        };
    }

    private static String target(JsonNode payload) {
        if (payload.hasNonNull("nome_usuario")) {
            return payload.get("nome_usuario").asText();
        }
        return payload.hasNonNull("id") ? payload.get("id").asText() : null;
    }

    /** The audit's detail: who (the role), then the action's numbers; never a message's text. */
    private static String detail(JsonNode payload) {
        if (payload.hasNonNull("minutos")) {
            return ", " + payload.get("minutos").asText() + " min";
        }
        if (payload.hasNonNull("segundos")) {
            return ", " + payload.get("segundos").asText() + " s";
        }
        if (payload.hasNonNull("somente_moderadores")) {
            return payload.get("somente_moderadores").asBoolean() ? ", somente moderadores" : ", todos";
        }
        return "";
    }

    private static long messageId(JsonNode payload) {
        Long id = Fields.optionalLong(payload, "id");
        if (id == null) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        return id;
    }

    /** The keys this connection proved, for reading: most connections prove none and get no map of their own. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> provedKeys(Socket socket) {
        Map<String, String> keys = (Map<String, String>) socket.attributes().get(KEYS);
        return keys != null ? keys : Map.of();
    }

    /** The keys this connection proved, made on the first it proves. */
    @SuppressWarnings("unchecked")
    private static ConcurrentMap<String, String> keys(Socket socket) {
        return (ConcurrentMap<String, String>) socket.attributes().computeIfAbsent(KEYS, k -> new ConcurrentHashMap<String, String>());
    }

    private static void refuse(Socket socket, Ack ack, ChatError error, String message) {
        ChatSocketHandler.refuse(socket, ack, Payloads.socketError(error, message));
    }
}
