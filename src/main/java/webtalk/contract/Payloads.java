package webtalk.contract;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatSettings;
import webtalk.chat.Message;
import webtalk.chat.RoomEvent;
import webtalk.chat.RoomSummary;

/**
 * The original's public field names, in one place: every JSON object WebTalk sends that carries a
 * room, a message or an error is built here, for REST and Socket.IO alike (docs/protocol.md).
 */
public final class Payloads {

    private Payloads() {
    }

    /** {@code mensagem_chat}: the original's {nome_usuario, mensagem, horario} plus id, id_sala, timestamp. */
    public static Map<String, Object> message(Message message, ZoneId zone, boolean history) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("nome_usuario", message.author());
        payload.put("mensagem", message.text());
        payload.put("horario", TimeTexts.clock(message.at(), zone));
        payload.put("id", message.id());
        payload.put("id_sala", message.roomId());
        payload.put("timestamp", timestamp(message.at()));
        if (message.clientId() != null) {
            payload.put("id_cliente", message.clientId());
        }
        Message.Extras extras = message.extras();
        if (extras != Message.Extras.NONE) {
            putExtras(payload, extras);
        }
        if (history) {
            payload.put("historico", true);
        }
        return payload;
    }

    /** Issue #14's fields, each only when it says something: reply, mentions, edit mark, tombstone, reactions. */
    private static void putExtras(Map<String, Object> payload, Message.Extras extras) {
        if (extras.replyTo() != null) {
            payload.put("resposta_a", extras.replyTo());
            if (extras.quote() != null) {
                payload.put("citacao", quote(extras.quote()));
            }
        }
        if (!extras.mentions().isEmpty()) {
            payload.put("mencoes", extras.mentions());
        }
        if (extras.editedAt() != null) {
            payload.put("editada", true);
            payload.put("editada_em", timestamp(extras.editedAt()));
        }
        if (extras.deleted()) {
            payload.put("excluida", true);
        }
        if (!extras.reactions().isEmpty()) {
            payload.put("reacoes", extras.reactions());
        }
    }

    /** {@code citacao}: {nome_usuario, trecho} of the original, or with {@code excluida: true} and an empty trecho. */
    public static Map<String, Object> quote(Message.Quote quote) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("nome_usuario", quote.author());
        payload.put("trecho", quote.excerpt());
        if (quote.deleted()) {
            payload.put("excluida", true);
        }
        return payload;
    }

    /** {@code mensagem_editada}: {id_sala, id, mensagem, editada_em, mencoes}. */
    public static Map<String, Object> messageEdited(RoomEvent.MessageEdited edited) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id_sala", edited.roomId());
        payload.put("id", edited.messageId());
        payload.put("mensagem", edited.text());
        payload.put("editada_em", timestamp(edited.editedAt()));
        payload.put("mencoes", edited.mentions());
        return payload;
    }

    /** {@code reacao_atualizada}: {id_sala, id, reacoes: {emoji: count}}. */
    public static Map<String, Object> reactionsChanged(RoomEvent.ReactionsChanged changed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id_sala", changed.roomId());
        payload.put("id", changed.messageId());
        payload.put("reacoes", changed.reactions());
        return payload;
    }

    public static List<Map<String, Object>> messages(List<Message> messages, ZoneId zone) {
        return messages.stream().map(m -> message(m, zone, false)).toList();
    }

    /** A room as the lobby lists it; never its password or hash. */
    public static Map<String, Object> room(RoomSummary summary) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", summary.room().id());
        payload.put("nome", summary.room().name());
        payload.put("descricao", summary.room().description());
        payload.put("criador", summary.room().creator());
        payload.put("criado_em", summary.room().createdAt().toString());
        payload.put("tem_senha", summary.room().passwordProtected());
        payload.put("esta_ativa", summary.room().active());
        payload.put("contador_usuarios", summary.usersOnline());
        payload.put("contador_mensagens", summary.messageCount());
        return payload;
    }

    /** The {@code erro} event / refusing ack body: {mensagem, codigo}. */
    public static Map<String, Object> socketError(ChatError error, String message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("mensagem", message);
        payload.put("codigo", error.code());
        return payload;
    }

    /** A refusal's {@code erro}/ack body: {mensagem, codigo} and its values by name (e.g. {@code segundos}). */
    public static Map<String, Object> socketError(ChatException refused) {
        Map<String, Object> payload = socketError(refused.error(), refused.getMessage());
        putDetails(payload, refused.details());
        return payload;
    }

    /** A refusal's REST body: {erro, codigo} and its values by name. */
    public static Map<String, Object> httpError(ChatException refused) {
        Map<String, Object> payload = httpError(refused.error(), refused.getMessage());
        putDetails(payload, refused.details());
        return payload;
    }

    /** Added, never overriding the contract's own fields; instants as ISO-8601 UTC like every timestamp. */
    private static void putDetails(Map<String, Object> payload, Map<String, Object> details) {
        details.forEach((field, value) -> payload.putIfAbsent(field, value instanceof Instant at ? timestamp(at) : value));
    }

    /** The REST error body: {erro, codigo}. */
    public static Map<String, Object> httpError(ChatError error, String message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("erro", message);
        payload.put("codigo", error.code());
        return payload;
    }

    /** {@link ChatEvents#ROOM_CLOSED}: {id_sala, motivo, mensagem, codigo}, the code and text telling why the room ended. */
    public static Map<String, Object> roomClosed(String roomId, RoomEvent.RoomClosed.Reason reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id_sala", roomId);
        // Added (issue #15): which of the three it was (motivo: excluida, administrador, inatividade),
        // so a page can say it in its reader's language; codigo alone does not tell the last two apart.
        switch (reason) {
            case DELETED -> {
                payload.put("motivo", "excluida");
                payload.put("mensagem", "A sala foi excluída pelo administrador");
                payload.put("codigo", ChatEvents.CODE_ROOM_DELETED);
            }
            case CLOSED_BY_ADMIN -> {
                payload.put("motivo", "administrador");
                payload.put("mensagem", "A sala foi encerrada pelo administrador");
                payload.put("codigo", ChatEvents.CODE_ROOM_CLOSED);
            }
            case IDLE -> {
                payload.put("motivo", "inatividade");
                payload.put("mensagem", "A sala foi encerrada por inatividade");
                payload.put("codigo", ChatEvents.CODE_ROOM_CLOSED);
            }
        }
        return payload;
    }

    /**
     * The limits a page needs before the server refuses ({@code GET /api/limites}, and the
     * {@link ChatEvents#LIMITS_CHANGED} event every connection gets when an admin changes them).
     */
    public static Map<String, Object> limits(ChatSettings settings) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("tamanho_maximo_mensagem", settings.maxMessageLength());
        limits.put("tamanho_historico", settings.historySize());
        limits.put("criacao_salas_aberta", settings.roomCreationOpen());
        limits.put("janela_edicao_minutos", settings.editWindowMinutes());
        return limits;
    }

    public static Map<String, Object> presence(String roomId, String nickname, int usersOnline) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("nome_usuario", nickname);
        payload.put("id_sala", roomId);
        payload.put("usuarios_online", usersOnline);
        return payload;
    }

    public static String clockTime(Instant at, ZoneId zone) {
        return TimeTexts.clock(at, zone);
    }

    /** A message's {@code timestamp}: ISO-8601 UTC, as {@link Instant#toString()}. */
    public static String timestamp(Instant at) {
        return TimeTexts.iso(at);
    }
}
