package webtalk.app;

/**
 * WebTalk cannot start, for a reason the operator can fix: the message is one line that says what
 * is wrong and what to do, and is all {@link Main} prints (no stack trace).
 */
public final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? "unknown cause" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
