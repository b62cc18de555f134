import java.util.ArrayList;
import java.util.List;
import webtalk.support.ChatClient;
import webtalk.support.Http;

/** Ninety seconds of chat against a running WebTalk, for the Prometheus screenshot. */
/** Run: java -cp target/test-classes:target/classes:$(cat cp.txt) tools/Traffic.java http://127.0.0.1:5077 (docs/operations.md). */
public class Traffic {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        Http http = new Http(url);
        List<String> rooms = List.of(http.createRoom("Turma A", null), http.createRoom("Turma B", null), http.createRoom("Clube", null));
        List<ChatClient> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ChatClient c = ChatClient.connect(url, i % 3 == 0 ? new String[] {"polling"} : null);
            c.join(rooms.get(i % 3), "aluno" + i);
            clients.add(c);
        }
        long end = System.nanoTime() + 90_000_000_000L;
        int n = 0;
        while (System.nanoTime() < end) {
            ChatClient c = clients.get(n % clients.size());
            c.say(rooms.get((n % clients.size()) % 3), n % 25 == 0 ? "  " : "mensagem " + n);
            n++;
            Thread.sleep(n % 200 < 100 ? 15 : 60);
        }
        for (ChatClient c : clients) c.close();
        System.out.println("sent " + n);
    }
}
