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
        if (node.isTextual() && node.textValue().matches("\\d{1,18}")) {
            return Long.parseLong(node.textValue());
        }
        throw new ChatException(ChatError.INVALID_DATA);
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
