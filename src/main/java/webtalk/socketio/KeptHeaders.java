package webtalk.socketio;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The handshake headers a session keeps for its listeners ({@link Socket#header}), looked up
 * without regard to case: only those the options name ({@link SocketIoOptions#keptHeaders}). A
 * browser sends a dozen headers, a session lives for hours, and with thousands of idle connections
 * every value kept is memory per connection. Taken from the request straight away, so no full copy
 * of its headers outlives the handshake; held as name, value, name, value… in one array, the names
 * being the options' own strings, shared by every session. A header sent twice keeps its last value.
 */
final class KeptHeaders {

    /** What a session keeps unless the options say otherwise. */
    static final Set<String> ASKED_BY_DEFAULT = Set.of("origin", "user-agent", "accept-language", "host");

    static final KeptHeaders NONE = new KeptHeaders(new String[0]);

    private final String[] namesAndValues;

    private KeptHeaders(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /** The names as the options hold them: lower case. */
    static Set<String> names(Set<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    static KeptHeaders of(HttpFields fields, Set<String> wanted) {
        if (wanted.isEmpty()) {
            return NONE;
        }
        Builder kept = new Builder(wanted);
        for (HttpField field : fields) {
            kept.keepIfWanted(field.getName(), field.getValue());
        }
        return kept.build();
    }

    static KeptHeaders of(Map<String, String> headers, Set<String> wanted) {
        if (wanted.isEmpty()) {
            return NONE;
        }
        Builder kept = new Builder(wanted);
        headers.forEach(kept::keepIfWanted);
        return kept.build();
    }

    /** The value of a kept header, or null (for a header not sent, or not kept). */
    String get(String name) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                return namesAndValues[i + 1];
            }
        }
        return null;
    }

    private static final class Builder {
        private final Set<String> wanted;
        private String[] namesAndValues = new String[0];

        Builder(Set<String> wanted) {
            this.wanted = wanted;
        }

        void keepIfWanted(String name, String value) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!wanted.contains(lower)) {
                return;
            }
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (namesAndValues[i].equals(lower)) {
                    namesAndValues[i + 1] = value;
                    return;
                }
            }
            String shared = wanted.stream().filter(lower::equals).findFirst().orElseThrow();
            namesAndValues = Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
            namesAndValues[namesAndValues.length - 2] = shared;
            namesAndValues[namesAndValues.length - 1] = value;
        }

        KeptHeaders build() {
            return namesAndValues.length == 0 ? NONE : new KeptHeaders(namesAndValues);
        }
    }
}
