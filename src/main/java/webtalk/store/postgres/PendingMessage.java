package webtalk.store.postgres;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import webtalk.chat.Appended;
import webtalk.chat.Message;

/** A message queued for group commit: what to store, who waits for it, and (once tried) its outcome. */
final class PendingMessage {

    final String roomId;
    final String author;
    final String text;
    final Instant at;
    final String clientId;
    /** Its reply and mentions, stored with it; the committed message carries these extras. */
    final Message.Extras extras;
    final Consumer<Message> afterCommit;
    final CompletableFuture<Appended> future = new CompletableFuture<>();
    /** Set once its transaction has committed, or {@link #failure} once it cannot be. */
    Appended result;
    RuntimeException failure;
    /** Its after-commit step has run (or been skipped) and its future is completed, or about to be. */
    boolean finished;

    PendingMessage(String roomId, String author, String text, Instant at, String clientId, Message.Extras extras,
                   Consumer<Message> afterCommit) {
        this.roomId = roomId;
        this.author = author;
        this.text = text;
        this.at = at;
        this.clientId = clientId;
        this.extras = extras == null ? Message.Extras.NONE : extras;
        this.afterCommit = afterCommit;
    }

    boolean tried() {
        return result != null || failure != null;
    }
}
