package webtalk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Room ids for a run: fixed names for servers without a room API, or rooms created through WebTalk's REST API. */
final class Rooms {

    private static final Pattern ROOM_ID = Pattern.compile("\"id_sala\":\"([^\"]+)\"");

    private Rooms() {
    }

    static List<String> fixed(int count) {
        List<String> rooms = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rooms.add("sala-" + i);
        }
        return rooms;
    }

    /** Raises WebTalk's per-person limits for load (admin API), then creates the rooms. */
    static List<String> created(HttpClient http, String baseUrl, String adminPassword, int count) throws IOException, InterruptedException {
        if (adminPassword != null) {
            post(http, baseUrl + "/api/admin/configuracoes",
                    "{\"limite_mensagens_por_minuto\":6000,\"maximo_salas\":1000,\"maximo_usuarios_por_sala\":10000}",
                    "Bearer " + adminPassword);
        }
        List<String> rooms = new ArrayList<>();
        long run = System.currentTimeMillis() % 1_000_000;
        for (int i = 1; i <= count; i++) {
            String body = post(http, baseUrl + "/api/salas", "{\"nome\":\"bench-" + run + "-" + i + "\",\"criador\":\"bench\"}", null);
            Matcher id = ROOM_ID.matcher(body);
            if (!id.find()) {
                throw new IllegalStateException("room not created: " + body);
            }
            rooms.add(id.group(1));
        }
        return rooms;
    }

    private static String post(HttpClient http, String url, String json, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
