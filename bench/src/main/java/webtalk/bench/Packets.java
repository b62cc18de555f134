package webtalk.bench;

/** Reads the few numbers the load tool needs out of Socket.IO text packets, without a JSON parser on the hot path. */
final class Packets {

    private Packets() {
    }

    /**
     * The first whole-number value of {@code "name":} in a packet, or -1 if there is none. The
     * quotes are matched too, so {@code id} does not match {@code id_sala} or {@code ultimo_id}.
     */
    static long longField(String packet, String name) {
        String key = "\"" + name + "\":";
        int at = packet.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        while (i < packet.length() && packet.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        long value = 0;
        while (i < packet.length() && Character.isDigit(packet.charAt(i)) && i - start < 18) {
            value = value * 10 + (packet.charAt(i) - '0');
            i++;
        }
        return i == start ? -1 : value;
    }

    /** Whether an ack packet says {@code "ok":true}. */
    static boolean ok(String packet) {
        return packet.contains("\"ok\":true");
    }
}
