package webtalk.presence.local;

import java.time.Duration;
import webtalk.chat.Presence;
import webtalk.chat.ports.PresenceContract;

/** The in-memory presence keeps the port's contract; it has no clock, so time passing changes nothing. */
class LocalPresenceTest extends PresenceContract {

    @Override
    protected Presence newPresence() {
        return new LocalPresence();
    }

    @Override
    protected void letTimePass(Duration duration) {
        // No expiry on one node: its members live as long as their connections.
    }
}
