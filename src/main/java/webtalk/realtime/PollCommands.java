package webtalk.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Poll;
import webtalk.chat.Polls;
import webtalk.contract.Fields;
import webtalk.contract.PollPayloads;
import webtalk.socketio.EventHandlers;
import webtalk.socketio.EventListener;
import webtalk.socketio.Socket;

/**
 * The polls' Socket.IO events ({@code criar_enquete}, {@code votar}, {@code encerrar_enquete}):
 * each payload is read into typed values here (or refused with its {@code codigo}), then handed
 * to {@link Polls}. The room hears of the change through its room events; the sender's ack carries
 * the poll as it is now ({@code enquete}) and, for a vote, the option it chose ({@code meu_voto}).
 */
final class PollCommands {

    private final Polls polls;

    PollCommands(Polls polls) {
        this.polls = polls;
    }

    /** Registers the events (on the namespace: once for every socket); {@code guarded} turns refusals into {@code erro} and acks. */
    void listen(EventHandlers handlers, Function<ChatSocketHandler.Command, EventListener> guarded) {
        // They read and write the store: off the thread that reads sockets.
        handlers.onBlocking(PollPayloads.OPEN, guarded.apply(this::open));
        handlers.onBlocking(PollPayloads.VOTE, guarded.apply(this::vote));
        handlers.onBlocking(PollPayloads.CLOSE, guarded.apply(this::close));
    }

    /** The room's open and recent polls as this member sees them, for the {@code entrar} ack's {@code enquetes}. */
    List<Map<String, Object>> seenBy(String roomId, String nickname) {
        return polls.seenBy(roomId, nickname).stream().map(PollPayloads::seen).toList();
    }

    private Map<String, Object> open(Socket socket, SocketMember member, JsonNode payload) {
        String roomId = roomId(payload);
        String question = Fields.optionalText(payload, "pergunta");
        JsonNode rawOptions = payload.get("opcoes");
        if (question == null || rawOptions == null || rawOptions.isNull()) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        // The count first: a huge array is refused before anything is copied from it.
        if (!rawOptions.isArray() || rawOptions.size() < Polls.OPTIONS_MIN || rawOptions.size() > Polls.OPTIONS_MAX) {
            throw new ChatException(ChatError.INVALID_OPTIONS);
        }
        List<String> options = new ArrayList<>(rawOptions.size());
        for (JsonNode option : rawOptions) {
            if (!option.isTextual()) {
                throw new ChatException(ChatError.INVALID_OPTIONS);
            }
            options.add(option.textValue());
        }
        return answer(polls.open(member, roomId, question, options), null);
    }

    private Map<String, Object> vote(Socket socket, SocketMember member, JsonNode payload) {
        String roomId = roomId(payload);
        long pollId = pollId(payload);
        JsonNode option = payload.get("opcao");
        if (option == null || option.isNull()) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        if (!option.isIntegralNumber() || !option.canConvertToInt()) {
            throw new ChatException(ChatError.INVALID_OPTION);
        }
        return answer(polls.vote(member, roomId, pollId, option.intValue()), option.intValue());
    }

    private Map<String, Object> close(Socket socket, SocketMember member, JsonNode payload) {
        String roomId = roomId(payload);
        return answer(polls.close(member, roomId, pollId(payload)), null);
    }

    private static Map<String, Object> answer(Poll poll, Integer myChoice) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("enquete", PollPayloads.poll(poll));
        if (myChoice != null) {
            reply.put("meu_voto", myChoice);
        }
        return reply;
    }

    /** Room ids are strings; a number from an old client is read as its text (then "not found"), as {@code entrar} does. */
    private static String roomId(JsonNode payload) {
        JsonNode id = payload.get("id_sala");
        if (id != null && id.isNumber()) {
            return id.asText();
        }
        return Fields.requiredText(payload, "id_sala");
    }

    private static long pollId(JsonNode payload) {
        Long id = Fields.optionalLong(payload, "id_enquete");
        if (id == null) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        return id;
    }
}
