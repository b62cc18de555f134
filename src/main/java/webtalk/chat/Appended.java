package webtalk.chat;

import webtalk.chat.Message;

/** The outcome of {@link MessageLog#append}: the stored message, and whether it was stored before (a retry). */
public record Appended(Message message, boolean duplicate) {
}
