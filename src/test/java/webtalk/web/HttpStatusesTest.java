package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;

/** The statuses the REST side answered with while they lived in ChatError: moving the table changed none. */
class HttpStatusesTest {

    private static final Map<ChatError, Integer> PUBLISHED = Map.ofEntries(
                Map.entry(ChatError.INCOMPLETE_DATA, 400),
                Map.entry(ChatError.INVALID_DATA, 400),
                Map.entry(ChatError.SETTING_OUT_OF_RANGE, 400),
                Map.entry(ChatError.INVALID_JSON, 400),
                Map.entry(ChatError.ROOM_NOT_FOUND, 404),
                Map.entry(ChatError.ROOM_INACTIVE, 403),
                Map.entry(ChatError.WRONG_PASSWORD, 401),
                Map.entry(ChatError.INVALID_TOKEN, 401),
                Map.entry(ChatError.INVALID_NICKNAME, 400),
                Map.entry(ChatError.NICKNAME_TAKEN, 409),
                Map.entry(ChatError.KICKED, 403),
                Map.entry(ChatError.BANNED, 403),
                Map.entry(ChatError.MESSAGE_NOT_FOUND, 404),
                Map.entry(ChatError.MEMBER_NOT_FOUND, 404),
                Map.entry(ChatError.ROOM_FULL, 403),
                Map.entry(ChatError.ROOM_NAME_TAKEN, 409),
                Map.entry(ChatError.INVALID_ROOM_NAME, 400),
                Map.entry(ChatError.INVALID_CREATOR, 400),
                Map.entry(ChatError.INVALID_DESCRIPTION, 400),
                Map.entry(ChatError.ROOM_LIMIT, 403),
                Map.entry(ChatError.ROOM_CREATION_CLOSED, 403),
                Map.entry(ChatError.EMPTY_MESSAGE, 400),
                Map.entry(ChatError.MESSAGE_TOO_LONG, 400),
                Map.entry(ChatError.NOT_IN_ROOM, 403),
                Map.entry(ChatError.NAME_MISMATCH, 403),
                Map.entry(ChatError.RATE_LIMITED, 429),
                Map.entry(ChatError.TOO_MANY_ATTEMPTS, 429),
                Map.entry(ChatError.UNAUTHORIZED, 401),
                Map.entry(ChatError.INVALID_CSRF, 403),
                Map.entry(ChatError.FORBIDDEN_ORIGIN, 403),
                Map.entry(ChatError.INVALID_PACKET, 400),
                Map.entry(ChatError.INVALID_SEARCH, 400),
                Map.entry(ChatError.NOT_FOUND, 404),
                Map.entry(ChatError.PAYLOAD_TOO_LARGE, 413),
                Map.entry(ChatError.ROOM_CREATION_RATE, 429),
                Map.entry(ChatError.JOIN_RATE, 429),
                Map.entry(ChatError.SEARCH_RATE, 429),
                Map.entry(ChatError.SERVER_BUSY, 503),
                Map.entry(ChatError.WRONG_CURRENT_PASSWORD, 403),
                Map.entry(ChatError.UNSUPPORTED_MEDIA_TYPE, 415),
                Map.entry(ChatError.STORE_UNAVAILABLE, 503),
                Map.entry(ChatError.DISK_FULL, 507),
                Map.entry(ChatError.ROOM_ALREADY_ACTIVE, 409),
                Map.entry(ChatError.BACKUP_RUNNING, 409),
                Map.entry(ChatError.BACKUP_UNAVAILABLE, 409),
                Map.entry(ChatError.BAN_NOT_FOUND, 404),
                Map.entry(ChatError.INVALID_QUESTION, 400),
                Map.entry(ChatError.INVALID_OPTIONS, 400),
                Map.entry(ChatError.INVALID_OPTION, 400),
                Map.entry(ChatError.NOT_POLL_AUTHOR, 403),
                Map.entry(ChatError.POLL_NOT_ALLOWED, 403),
                Map.entry(ChatError.POLL_NOT_FOUND, 404),
                Map.entry(ChatError.POLL_CLOSED, 409),
                Map.entry(ChatError.ALREADY_VOTED, 409),
                Map.entry(ChatError.TOO_MANY_POLLS, 409),
                Map.entry(ChatError.POLL_RATE, 429),
                Map.entry(ChatError.POLL_ACTION_RATE, 429),
                Map.entry(ChatError.INVALID_ROOM_KEY, 401),
                Map.entry(ChatError.NOT_OWNER, 403),
                Map.entry(ChatError.OWNER_ONLY, 403),
                Map.entry(ChatError.SLOW_MODE, 429),
                Map.entry(ChatError.PIN_LIMIT, 409),
                Map.entry(ChatError.NOT_YOUR_MESSAGE, 403),
                Map.entry(ChatError.EDIT_WINDOW_OVER, 403),
                Map.entry(ChatError.MESSAGE_ALREADY_DELETED, 409),
                Map.entry(ChatError.REPLY_NOT_FOUND, 404),
                Map.entry(ChatError.INVALID_EMOJI, 400),
                Map.entry(ChatError.TOO_MANY_REACTIONS, 409),
                Map.entry(ChatError.PRESENCE_LOST, 409),
                Map.entry(ChatError.INTERNAL, 500));

    @Test
    void everyErrorKeepsItsPublishedStatus() {
        Map<ChatError, Integer> now = new EnumMap<>(ChatError.class);
        for (ChatError error : ChatError.values()) {
            now.put(error, HttpStatuses.of(error));
        }
        assertEquals(new EnumMap<>(PUBLISHED), now);
    }
}
