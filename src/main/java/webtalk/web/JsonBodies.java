package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/** Reads a REST request body as a JSON object, refusing oversize and malformed bodies with 4xx. */
final class JsonBodies {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An empty body reads as an empty object, so that {@code POST /entrar} of a public room needs none. */
    JsonNode object(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw new ChatException(ChatError.PAYLOAD_TOO_LARGE);
        }
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ChatException(ChatError.INVALID_DATA);
            }
            return node;
        } catch (IOException e) {
            throw new ChatException(ChatError.INVALID_JSON);
        }
    }
}
