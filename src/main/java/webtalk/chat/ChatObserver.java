package webtalk.chat;

/**
 * Told what the chat did, for metrics. Called on the message path, so an implementation must be a
 * counter increment or little more, must not block and must not throw; it never sees a room id, a
 * nickname or a text, so nothing a client chooses can become a metric series.
 */
public interface ChatObserver {

    ChatObserver NONE = new ChatObserver() {
        @Override
        public void joined() {
        }

        @Override
        public void published(long nanosSinceAccepted) {
        }

        @Override
        public void refused(ChatError error) {
        }
    };

    /** An {@code entrar} succeeded. */
    void joined();

    /** A message was stored and broadcast to the room; {@code nanosSinceAccepted} after {@code send} took it. */
    void published(long nanosSinceAccepted);

    /** A message was not stored: refused at once, or its commit failed. */
    void refused(ChatError error);
}
