package webtalk.contract;

import com.fasterxml.jackson.databind.JsonNode;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/**
 * Typed reads of the contract's JSON fields, for both edges (REST bodies, Socket.IO payloads):
 * a missing required field is {@code dados_incompletos}, a field of the wrong type is
 * {@code dados_invalidos}. The domain only ever sees values that passed through here.
 */
public final class Fields {

    private Fields() {
    }

    public static JsonNode object(JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        if (!payload.isObject()) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        return payload;
    }

    public static String requiredText(JsonNode payload, String field) {
        String value = optionalText(payload, field);
        if (value == null || value.isBlank()) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        return value;
    }

    /** Strings only; numbers are accepted for ids since the original's clients sometimes send them so. */
    public static String optionalText(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new ChatException(ChatError.INVALID_DATA);
    }

    public static String optionalId(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node != null && node.isIntegralNumber()) {
            return node.asText();
        }
        return optionalText(payload, field);
    }

    public static Long optionalLong(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        Long parsed = node.isTextual() ? wholeNumber(node.textValue()) : null;
        if (parsed != null) {
            return parsed;
        }
        throw new ChatException(ChatError.INVALID_DATA);
    }

    /**
     * The one check of a message id, page bound or count sent as text (a JSON string, a query or path
     * parameter): 1 to 18 ASCII digits, so it always fits a {@code long} and is never negative.
     * Each caller chooses the error for anything else ({@code dados_invalidos}, or
     * {@code mensagem_inexistente} for an id in a path).
     *
     * @return the number, or null when the text is not one
     */
    public static Long wholeNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(text);
    }

    public static Integer optionalInt(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        throw new ChatException(ChatError.INVALID_DATA);
    }

    public static Boolean optionalBoolean(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw new ChatException(ChatError.INVALID_DATA);
    }
}
