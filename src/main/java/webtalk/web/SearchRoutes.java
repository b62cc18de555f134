package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ExcerptPart;
import webtalk.chat.RoomSearch;
import webtalk.chat.SearchQuery;
import webtalk.contract.Fields;
import webtalk.contract.Payloads;

/**
 * {@code GET /api/salas/{id}/busca?q=&limite=&pagina=}: search in a room's history, with the
 * history's access rules. Each result is the history's message payload plus {@code trecho}, its
 * excerpt as segments {@code {texto, destaque}} (never HTML).
 */
final class SearchRoutes {

    private final RoomSearch search;
    private final ZoneId zone;

    SearchRoutes(RoomSearch search, ZoneId zone) {
        this.search = search;
        this.zone = zone;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/salas/{id}/busca", this::search);
    }

    private void search(Context ctx) {
        SearchQuery query = SearchQuery.parse(ctx.queryParam("q"));
        int pageSize = intParam(ctx, "limite", RoomSearch.DEFAULT_PAGE_SIZE, RoomSearch.MAX_PAGE_SIZE);
        int page = intParam(ctx, "pagina", 1, RoomSearch.lastPage(pageSize));
        RoomSearch.Page found = search.search(ctx.pathParam("id"), RoomRoutes.token(ctx), ctx.ip(), query, page, pageSize);
        List<Map<String, Object>> results = found.hits().stream().map(hit -> {
            Map<String, Object> result = Payloads.message(hit.message(), zone, false);
            result.put("trecho", hit.excerpt().stream().map(SearchRoutes::segment).toList());
            return result;
        }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("resultados", results);
        answer.put("mais", found.more());
        answer.put("pagina", page);
        ctx.json(answer);
    }

    private static Map<String, Object> segment(ExcerptPart segment) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("texto", segment.text());
        payload.put("destaque", segment.marked());
        return payload;
    }

    /** A whole number from 1 to {@code max}, or {@code absent} when the parameter is missing or empty. */
    private static int intParam(Context ctx, String name, int absent, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        Long number = Fields.wholeNumber(value);
        if (number == null || number < 1 || number > max) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        return number.intValue();
    }
}
