package webtalk.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import webtalk.config.SettingsException;

/**
 * Who the client really is when WebTalk sits behind reverse proxies (TRUSTED_PROXIES). Only a
 * request whose TCP peer is a trusted proxy has its {@code X-Forwarded-For} believed (or, when that
 * header is absent, RFC 7239 {@code Forwarded: for=}); the list is walked from the right — each
 * proxy appends the address it saw — skipping trusted proxies, and the first untrusted address is
 * the client. Everything left of it was written by the client and is ignored. Anything that is not
 * an IP literal (a name, {@code unknown}, an obfuscated node, garbage) means "we cannot tell", and
 * the peer is answered.
 *
 * <p>X-Forwarded-For wins over Forwarded because that is the header the common proxies (nginx,
 * HAProxy, Caddy, Traefik, cloud load balancers) append to; a proxy that writes only Forwarded must
 * drop a client's X-Forwarded-For. Never resolves a name: literals are checked by shape before
 * {@link InetAddress#getByName} parses them.
 */
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** An address block: the first {@code prefix} bits of {@code network}. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> trusted;

    /** @throws SettingsException naming the first entry that is not an IP address or CIDR block */
    public ClientAddresses(List<String> trustedProxies) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : trustedProxies) {
            blocks.add(block(entry.strip()));
        }
        this.trusted = List.copyOf(blocks);
    }

    /**
     * The client's address for a request from {@code peerAddress}.
     *
     * @param header a request header's value by name, or null when absent; when a header comes more
     *               than once, its values joined by commas in the order received
     */
    public String resolve(String peerAddress, Function<String, String> header) {
        if (trusted.isEmpty() || !isTrusted(peerAddress)) {
            return peerAddress;
        }
        String forwardedFor = header.apply("X-Forwarded-For");
        List<String> hops;
        if (forwardedFor != null && !forwardedFor.isBlank()) {
            hops = List.of(forwardedFor.split(",", -1));
        } else {
            String forwarded = header.apply("Forwarded");
            if (forwarded == null || forwarded.isBlank()) {
                return peerAddress;
            }
            hops = forwardedFor(forwarded);
        }
        String client = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(node(hops.get(i)));
            if (hop == null) {
                return peerAddress;
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop.getAddress())) {
                return client;
            }
        }
        // every hop was a trusted proxy: the client is on the proxies' own network
        return client == null ? peerAddress : client;
    }

    /**
     * Whether the client reached us over HTTPS: the connection itself is TLS, or a trusted proxy
     * says its side was ({@code X-Forwarded-Proto}, else RFC 7239 {@code proto=}; the value the
     * nearest proxy wrote, i.e. the last). From anyone else the headers are ignored.
     *
     * @param header as for {@link #resolve}
     */
    public boolean overHttps(boolean secureConnection, String peerAddress, Function<String, String> header) {
        if (secureConnection) {
            return true;
        }
        if (trusted.isEmpty() || !isTrusted(peerAddress)) {
            return false;
        }
        String proto = header.apply("X-Forwarded-Proto");
        if (proto == null || proto.isBlank()) {
            String forwarded = header.apply("Forwarded");
            java.util.regex.Matcher last = forwarded == null ? null
                    : java.util.regex.Pattern.compile("(?i)proto=\"?([a-z]+)").matcher(forwarded);
            while (last != null && last.find()) {
                proto = last.group(1);
            }
        }
        return proto != null && "https".equalsIgnoreCase(nearest(proto));
    }

    /**
     * The host the client asked for, as a trusted proxy says ({@code X-Forwarded-Host}, the value the
     * nearest proxy wrote); null when the peer is not a trusted proxy or said nothing, so that the
     * request's own {@code Host} is the one to use.
     *
     * @param header as for {@link #resolve}
     */
    public String forwardedHost(String peerAddress, Function<String, String> header) {
        if (trusted.isEmpty() || !isTrusted(peerAddress)) {
            return null;
        }
        String hosts = header.apply("X-Forwarded-Host");
        return hosts == null || hosts.isBlank() ? null : nearest(hosts);
    }

    /** The value the nearest proxy wrote in a comma-joined header: the last, trimmed. */
    private static String nearest(String values) {
        String[] parts = values.split(",");
        return parts.length == 0 ? "" : parts[parts.length - 1].trim();  // "," splits into nothing
    }

    /** Whether this address (an IP literal, IPv6 with or without brackets) is one of the trusted proxies. */
    public boolean isTrusted(String address) {
        InetAddress parsed = address == null ? null : literal(node(address));
        return parsed != null && isTrusted(parsed.getAddress());
    }

    private boolean isTrusted(byte[] address) {
        for (Block block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code for=} values of RFC 7239 elements, in order; an element without one counts as garbage. */
    private static List<String> forwardedFor(String header) {
        List<String> values = new ArrayList<>();
        for (String element : splitOutsideQuotes(header, ',')) {
            String value = "";
            for (String pair : splitOutsideQuotes(element, ';')) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
                    value = unquote(pair.substring(eq + 1).strip());
                }
            }
            values.add(value);
        }
        return values;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\", "");
        }
        return value;
    }

    /** A node without its port: {@code 1.2.3.4:80} → {@code 1.2.3.4}, {@code [::1]:80} → {@code ::1}. */
    private static String node(String raw) {
        String node = raw.strip();
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            if (end < 0 || !(end == node.length() - 1 || node.charAt(end + 1) == ':')) {
                return "";
            }
            return node.substring(1, end);
        }
        int colon = node.indexOf(':');
        if (colon > 0 && colon == node.lastIndexOf(':')) {
            return node.substring(0, colon);  // IPv4 with a port; a bare IPv6 has two colons or more
        }
        return node;
    }

    /** The address if the text is an IPv4 or IPv6 literal, else null; never a DNS lookup. */
    static InetAddress literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            // a literal of either shape is only parsed: getByName does no lookup for it
            return InetAddress.getByName(text);
        } catch (UnknownHostException malformed) {
            return null;
        }
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw badEntry(entry);
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw badEntry(entry);
            }
            prefix = Integer.parseInt(length);
        }
        return new Block(address.getAddress(), prefix);
    }

    private static SettingsException badEntry(String entry) {
        return new SettingsException("TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR block "
                + "(e.g. 10.0.0.1, 10.0.0.0/8, 2001:db8::/32); host names are not accepted");
    }
}
