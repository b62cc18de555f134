package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ServerTest;

/**
 * The admin brute-force brake cannot be raced: rounds of 100 wrong guesses fired at once get at
 * most 5 password checks (401) in all, every other one 429 — or 503 when the bounded hashing pool
 * refused it unchecked (the attempt is given back) — for the login and for Bearer alike.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AdminBruteForceIT extends ServerTest {

    private static final int GUESSES = 100;

    @Test
    void concurrentWrongLoginsGetAtMostFiveChecks() {
        Map<Integer, Integer> statuses = fireUntilBraked(i -> HttpRequest.newBuilder(URI.create(server.url() + "/api/admin/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"senha\":\"chute-" + i + "\"}")).build());
        assertBraked(statuses);
    }

    @Test
    void concurrentWrongBearerCallsGetAtMostFiveChecks() {
        Map<Integer, Integer> statuses = fireUntilBraked(i -> HttpRequest.newBuilder(URI.create(server.url() + "/api/admin/estatisticas"))
                .header("Authorization", "Bearer chute-" + i).GET().build());
        assertBraked(statuses);
    }

    private void assertBraked(Map<Integer, Integer> statuses) {
        int checked = statuses.getOrDefault(401, 0);
        assertTrue(checked <= 5, "checked " + checked + " guesses: " + statuses);
        int answered = statuses.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(answered, checked + statuses.getOrDefault(429, 0) + statuses.getOrDefault(503, 0), statuses.toString());
        assertTrue(statuses.getOrDefault(429, 0) > 0, "never braked: " + statuses);
        Bystander.assertStillChats(server);
    }

    /**
     * Rounds of {@link #fireAtOnce} until five guesses were checked and the brake answered 429 (at
     * most 10 rounds); the statuses of all rounds.
     */
    private static Map<Integer, Integer> fireUntilBraked(IntFunction<HttpRequest> request) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int round = 0; round < 10 && (statuses.getOrDefault(401, 0) < 5 || !statuses.containsKey(429)); round++) {
            fireAtOnce(request).forEach((status, count) -> statuses.merge(status, count, Integer::sum));
        }
        return statuses;
    }

    /** Status → count for GUESSES requests sent together (each bounded by a 30 s timeout). */
    private static Map<Integer, Integer> fireAtOnce(IntFunction<HttpRequest> request) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            HttpRequest r = HttpRequest.newBuilder(request.apply(i), (n, v) -> true).timeout(Duration.ofSeconds(30)).build();
            sent.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            statuses.merge(answer.join().statusCode(), 1, Integer::sum);
        }
        return statuses;
    }
}
