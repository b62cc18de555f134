package webtalk.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the user can understand: carries the error code, its filled-in Portuguese text and the
 * template's values by name ({@link ChatError#parameters()}), which transports add to the payload so
 * that a page can translate the refusal by its code.
 */
public final class ChatException extends RuntimeException {

    private final ChatError error;
    private final Map<String, Object> details;

    public ChatException(ChatError error, Object... templateArgs) {
        this(error, named(error, templateArgs),
                templateArgs.length == 0 ? error.message() : String.format(error.message(), templateArgs));
    }

    /** A refusal with one more value than its template holds (e.g. when a ban ends). */
    public ChatException with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(field, value);
        return new ChatException(error, Collections.unmodifiableMap(more), getMessage());
    }

    private ChatException(ChatError error, Map<String, Object> details, String message) {
        super(message, null, false, false);
        this.error = error;
        this.details = details;
    }

    private static Map<String, Object> named(ChatError error, Object[] values) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(values.length, error.parameters().size()); i++) {
            named.put(error.parameters().get(i), values[i]);
        }
        return Collections.unmodifiableMap(named);
    }

    public ChatError error() {
        return error;
    }

    /** The template's values by field name, plus any added by {@link #with}; the transports send them. */
    public Map<String, Object> details() {
        return details;
    }
}
