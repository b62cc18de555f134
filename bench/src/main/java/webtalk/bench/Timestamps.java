package webtalk.bench;

/** The send time a message carries in its text ({@code T<nanoTime>|<seq>}), and reading it back from a packet. */
final class Timestamps {

    private static final String MARK = "\"mensagem\":\"T";

    private Timestamps() {
    }

    static String text(long nanoTime, long seq) {
        return "T" + nanoTime + "|" + seq;
    }

    /** The send time in a {@code mensagem_chat} packet, or -1 if the packet carries none. */
    static long sentAt(String packet) {
        int at = packet.indexOf(MARK);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        boolean negative = false;
        int i = at + MARK.length();
        if (i < packet.length() && packet.charAt(i) == '-') {
            negative = true;
            i++;
        }
        int start = i;
        for (; i < packet.length(); i++) {
            char c = packet.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (i == start || i >= packet.length() || packet.charAt(i) != '|') {
            return -1;
        }
        return negative ? -value : value;
    }
}
