package webtalk.store;

import webtalk.chat.Message;

/** The outcome of {@link ChatStore#append}: the stored message, and whether it was stored before (a retry). */
public record Appended(Message message, boolean duplicate) {
}
