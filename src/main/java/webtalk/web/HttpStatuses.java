package webtalk.web;

import webtalk.chat.ChatError;

/**
 * The one table from the domain's errors to HTTP statuses (the REST side's half of the error
 * vocabulary; the Socket.IO side sends only the code). A switch without a default: a new
 * {@link ChatError} does not compile until it is given a status here.
 */
final class HttpStatuses {

    private HttpStatuses() {
    }

    static int of(ChatError error) {
        return switch (error) {
            case INCOMPLETE_DATA, INVALID_DATA, SETTING_OUT_OF_RANGE, INVALID_JSON, INVALID_NICKNAME,
                 INVALID_ROOM_NAME, INVALID_CREATOR, INVALID_DESCRIPTION, EMPTY_MESSAGE, MESSAGE_TOO_LONG,
                 INVALID_PACKET, INVALID_QUESTION, INVALID_OPTIONS, INVALID_OPTION, INVALID_SEARCH, INVALID_EMOJI -> 400;
            case WRONG_PASSWORD, INVALID_TOKEN, UNAUTHORIZED, INVALID_ROOM_KEY -> 401;
            case ROOM_INACTIVE, KICKED, BANNED, ROOM_FULL, ROOM_LIMIT, ROOM_CREATION_CLOSED, NOT_IN_ROOM,
                 NAME_MISMATCH, INVALID_CSRF, FORBIDDEN_ORIGIN, WRONG_CURRENT_PASSWORD,
                 NOT_POLL_AUTHOR, POLL_NOT_ALLOWED, NOT_OWNER, OWNER_ONLY, NOT_YOUR_MESSAGE, EDIT_WINDOW_OVER -> 403;
            case ROOM_NOT_FOUND, MESSAGE_NOT_FOUND, MEMBER_NOT_FOUND, NOT_FOUND, BAN_NOT_FOUND, POLL_NOT_FOUND,
                 REPLY_NOT_FOUND -> 404;
            case NICKNAME_TAKEN, ROOM_NAME_TAKEN, ROOM_ALREADY_ACTIVE, BACKUP_RUNNING, BACKUP_UNAVAILABLE,
                 POLL_CLOSED, ALREADY_VOTED, TOO_MANY_POLLS, PIN_LIMIT, MESSAGE_ALREADY_DELETED, TOO_MANY_REACTIONS,
                 PRESENCE_LOST -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED, TOO_MANY_ATTEMPTS, ROOM_CREATION_RATE, JOIN_RATE, POLL_RATE, POLL_ACTION_RATE, SEARCH_RATE,
                 SLOW_MODE -> 429;
            case INTERNAL -> 500;
            case SERVER_BUSY, STORE_UNAVAILABLE -> 503;
            case DISK_FULL -> 507;
        };
    }
}
