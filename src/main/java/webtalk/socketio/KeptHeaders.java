package webtalk.socketio;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The handshake headers a session keeps for its listeners ({@link Socket#header}), looked up
 * without regard to case. Only these few: a browser sends a dozen headers, a session lives for
 * hours, and with thousands of idle connections every copy kept is memory per connection. Taken
 * from the request straight away, so no full copy of its headers outlives the handshake.
 */
final class KeptHeaders {

    private static final Set<String> NAMES = Set.of("origin", "user-agent", "accept-language", "host");

    private KeptHeaders() {
    }

    static Map<String, String> of(HttpFields fields) {
        Map<String, String> kept = empty();
        for (HttpField field : fields) {
            keepIfAsked(kept, field.getName(), field.getValue());
        }
        return kept;
    }

    static Map<String, String> of(Map<String, String> headers) {
        Map<String, String> kept = empty();
        headers.forEach((name, value) -> keepIfAsked(kept, name, value));
        return kept;
    }

    private static Map<String, String> empty() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private static void keepIfAsked(Map<String, String> kept, String name, String value) {
        if (NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            kept.put(name, value);
        }
    }
}
