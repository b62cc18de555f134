package webtalk.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.MessageActions;
import webtalk.chat.RoomEvent;
import webtalk.contract.ChatEvents;
import webtalk.contract.Fields;
import webtalk.contract.Payloads;
import webtalk.socketio.EventHandlers;
import webtalk.socketio.EventListener;
import webtalk.socketio.Socket;

/**
 * The events on messages already sent (issue #14): {@code editar_mensagem}, {@code excluir_mensagem},
 * {@code reagir}. Reads and checks the payload, calls {@link MessageActions}, answers the ack; the
 * room hears of the change through its room event. Refusals go through ChatSocketHandler's guard
 * ({@code erro} + ack {ok:false, codigo, mensagem}).
 */
final class MessageCommands {

    /**
     * The moderators' path of {@code excluir_mensagem} (branch {@code owners}): the listener a
     * socket that moderates the payload's room takes instead of the author's, or null.
     */
    @FunctionalInterface
    interface ModeratorDelete {
        EventListener forModerator(Socket socket, JsonNode payload);
    }

    private final MessageActions actions;
    private volatile ModeratorDelete moderators = (socket, payload) -> null;

    MessageCommands(MessageActions actions) {
        this.actions = actions;
    }

    /** From now on a room moderator's {@code excluir_mensagem} goes through {@code path} (any message); everyone else's stays the author's. */
    void moderatorsDeleteThrough(ModeratorDelete path) {
        this.moderators = path;
    }

    /** Registers the events (on the namespace: once for every socket); {@code guard} turns a command into a listener that refuses as every event does. */
    void register(EventHandlers handlers, Function<ChatSocketHandler.Command, EventListener> guard) {
        // They read and write the store: off the thread that reads sockets.
        handlers.onBlocking(ChatEvents.EDIT_MESSAGE, guard.apply(this::edit));
        EventListener authorDelete = guard.apply(this::delete);
        handlers.onBlocking(ChatEvents.DELETE_MESSAGE, (s, args, ack) -> {
            // The dispatch point: a moderator of the room deletes any message, anyone else only their own.
            JsonNode payload = args.isEmpty() ? null : args.get(0);
            EventListener moderator = payload != null && payload.isObject() ? moderators.forModerator(s, payload) : null;
            (moderator != null ? moderator : authorDelete).onEvent(s, args, ack);
        });
        handlers.onBlocking(ChatEvents.REACT, guard.apply(this::react));
    }

    private Map<String, Object> edit(Socket socket, SocketMember member, JsonNode payload) {
        RoomEvent.MessageEdited edited = actions.edit(member, roomId(payload), messageId(payload),
                Fields.optionalText(payload, "mensagem"), Fields.optionalText(payload, "chave_sessao"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("id", edited.messageId());
        reply.put("editada_em", Payloads.timestamp(edited.editedAt()));
        return reply;
    }

    /**
     * The author's path of {@code excluir_mensagem}: their own message, within the window. A room's
     * owner or moderator takes {@link #moderatorsDeleteThrough}'s path instead (see {@link #register}).
     */
    private Map<String, Object> delete(Socket socket, SocketMember member, JsonNode payload) {
        String roomId = roomId(payload);
        long id = messageId(payload);
        actions.deleteOwn(member, roomId, id, Fields.optionalText(payload, "chave_sessao"));
        return Map.of("ok", true, "id", id);
    }

    private Map<String, Object> react(Socket socket, SocketMember member, JsonNode payload) {
        RoomEvent.ReactionsChanged changed = actions.react(member, roomId(payload), messageId(payload),
                Fields.requiredText(payload, "emoji"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("id", changed.messageId());
        reply.put("reacoes", changed.reactions());
        return reply;
    }

    private static String roomId(JsonNode payload) {
        JsonNode id = payload.get("id_sala");
        return id != null && id.isNumber() ? id.asText() : Fields.requiredText(payload, "id_sala");
    }

    /** A message id: a whole number (or its digits as text); missing is dados_incompletos, anything else dados_invalidos. */
    static long messageId(JsonNode payload) {
        JsonNode node = payload.get("id");
        if (node == null || node.isNull()) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        Long id = Fields.optionalLong(payload, "id");
        if (id == null || id < 1) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        return id;
    }
}
