package webtalk.chat;

import java.time.Instant;

/** A room refuses a nickname (case-insensitive) or an address until {@code until}. */
public record Ban(String roomId, Kind kind, String value, Instant until) {

    public enum Kind { NICKNAME, ADDRESS }

    boolean matches(String nickname, String address, Instant now) {
        if (!until.isAfter(now)) {
            return false;
        }
        return kind == Kind.NICKNAME ? value.equalsIgnoreCase(nickname) : value.equals(address);
    }
}
