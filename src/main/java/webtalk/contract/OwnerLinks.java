package webtalk.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The owner's and moderators' links: the chat page with the key in the URL's fragment
 * ({@code /chat/{id}#dono=KEY}), which a browser never sends, so the key stays out of every
 * server's and proxy's logs. Relative: the page makes them absolute with its own origin.
 */
public final class OwnerLinks {

    private OwnerLinks() {
    }

    public static String owner(String roomId, String key) {
        return "/chat/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8) + "#dono=" + key;
    }

    public static String moderator(String roomId, String key) {
        return "/chat/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8) + "#moderacao=" + key;
    }
}
