package webtalk.chat;

/** A refusal the user can understand: carries the error code and its filled-in Portuguese text. */
public final class ChatException extends RuntimeException {

    private final ChatError error;

    public ChatException(ChatError error, Object... templateArgs) {
        super(templateArgs.length == 0 ? error.message() : String.format(error.message(), templateArgs), null, false, false);
        this.error = error;
    }

    public ChatError error() {
        return error;
    }
}
