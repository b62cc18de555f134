package webtalk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import webtalk.chat.ChatError;
import webtalk.contract.Payloads;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (a URI with bad percent-encoding,
 * an illegal header, headers too large): {@code {erro, codigo}} JSON like every other error instead
 * of Jetty's HTML page. Jetty has already replaced the request's path (it reports {@code /badMessage}),
 * so every such error gets JSON, not only /api/ ones; nothing of the bad request is echoed back.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(body(status));
    }

    private byte[] body(int status) {
        ChatError error = ErrorMapping.forStatus(status);
        try {
            return mapper.writeValueAsBytes(Payloads.httpError(error, error.message()));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
