package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/**
 * Reads a REST request body as a JSON object, refusing oversize (413), non-JSON (415), cut-off or
 * broken (400) and malformed (400) bodies.
 */
final class JsonBodies {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * An empty body reads as an empty object, with or without a Content-Type, so that {@code POST
     * /entrar} of a public room needs none; a non-empty one must be {@code application/json} (any
     * parameters, e.g. a charset).
     */
    JsonNode object(Context ctx) {
        byte[] body = read(ctx);
        if (body.length > MAX_BODY_BYTES) {
            throw new ChatException(ChatError.PAYLOAD_TOO_LARGE);
        }
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        if (!isJson(ctx.header("Content-Type"))) {
            throw new ChatException(ChatError.UNSUPPORTED_MEDIA_TYPE);
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

    /**
     * The whole body. A body that ends early (Content-Length longer than what came, then EOF) or
     * breaks its chunked framing is the client's mistake, answered 400 rather than read as empty.
     */
    private static byte[] read(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException tooLarge) {
            throw tooLarge;
        } catch (Exception brokenOrCutOff) {  // Jetty's EofException / BadMessageException, thrown unchecked through Kotlin
            throw new ChatException(ChatError.INVALID_JSON);
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.equalsIgnoreCase("application/json");
    }
}
