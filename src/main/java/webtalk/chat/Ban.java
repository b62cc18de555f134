package webtalk.chat;

import java.time.Instant;

/**
 * A room refuses a nickname, and every name that looks like it ({@link NameKeys}), or an address
 * until {@code until}.
 */
public record Ban(String roomId, Kind kind, String value, Instant until) {

    public enum Kind { NICKNAME, ADDRESS }

    boolean matches(String nickname, String address, Instant now) {
        if (!until.isAfter(now)) {
            return false;
        }
        return kind == Kind.NICKNAME ? NameKeys.of(value).equals(NameKeys.of(nickname)) : value.equals(address);
    }
}
