package webtalk.chat;

import java.util.List;
import webtalk.security.JoinTokens;
import webtalk.security.RateLimiter;

/**
 * Search in a room's history, for the REST side: the same access as history (a protected room
 * needs a valid join token), a budget per client address (each search costs an index read of up
 * to {@link MessageSearch#MAX_CANDIDATES} messages), and the excerpt of each result with its
 * matched words marked.
 */
public final class RoomSearch {

    /** Results per page, at most; the pages reach as far as {@link MessageSearch#MAX_CANDIDATES}. */
    public static final int MAX_PAGE_SIZE = 50;
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Searches per minute per address, refilled continuously, in bursts of up to {@link #BURST}. */
    public static final int PER_MINUTE = 30;
    public static final int BURST = 10;

    /** One result: the message as stored, and its excerpt with the matched words marked. */
    public record Hit(Message message, List<ExcerptPart> excerpt) {
    }

    /** One page of results, best first; {@code more} when a next page has any. */
    public record Page(List<Hit> hits, boolean more) {
    }

    private final Rooms rooms;
    private final MessageSearch search;
    private final JoinTokens tokens;
    private final RateLimiter perAddress;

    public RoomSearch(Rooms rooms, MessageSearch search, JoinTokens tokens, RateLimiter perAddress) {
        this.rooms = rooms;
        this.search = search;
        this.tokens = tokens;
        this.perAddress = perAddress;
    }

    /** The last page number for {@code pageSize}: no page starts past the ranked matches. */
    public static int lastPage(int pageSize) {
        return (MessageSearch.MAX_CANDIDATES + pageSize - 1) / pageSize;
    }

    /**
     * Page {@code page} (from 1) of {@code pageSize} results. The budget is taken first, so that
     * guessing rooms or tokens costs it too.
     *
     * @param page     1 to {@link #lastPage}
     * @param pageSize 1 to {@link #MAX_PAGE_SIZE}
     */
    public Page search(String roomId, String token, String clientAddress, SearchQuery query, int page, int pageSize) {
        if (!perAddress.tryAcquire(clientAddress)) {
            throw new ChatException(ChatError.SEARCH_RATE);
        }
        Room room = rooms.findRoom(roomId).orElseThrow(() -> new ChatException(ChatError.ROOM_NOT_FOUND));
        if (room.passwordProtected() && !tokens.valid(token, roomId)) {
            throw new ChatException(ChatError.INVALID_TOKEN);
        }
        int offset = (page - 1) * pageSize;
        int wanted = Math.min(pageSize + 1, MessageSearch.MAX_CANDIDATES - offset);
        List<Message> found = search.search(roomId, query.terms(), offset, wanted);
        boolean more = found.size() > pageSize;
        List<Hit> hits = (more ? found.subList(0, pageSize) : found).stream()
                .filter(m -> m.roomId().equals(roomId))  // the port promises it; a leak would be worse than a short page
                .map(m -> new Hit(m, SearchExcerpt.of(m.text(), query.terms())))
                .toList();
        return new Page(hits, more);
    }
}
