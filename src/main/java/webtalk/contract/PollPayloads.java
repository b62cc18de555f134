package webtalk.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.Poll;
import webtalk.chat.Polls;

/**
 * The polls' events and payloads (docs/protocol.md, "Enquetes"). Published names: they never change.
 * A poll travels as {@code {id_sala, id_enquete, pergunta, opcoes: [{texto, votos}], autor, aberta,
 * criada_em, total_votos}}, the same in {@code enquete}, {@code enquete_atualizada}, acks and REST.
 */
public final class PollPayloads {

    /** c→s: open a poll. */
    public static final String OPEN = "criar_enquete";
    /** c→s: vote in a poll. */
    public static final String VOTE = "votar";
    /** c→s: close a poll. */
    public static final String CLOSE = "encerrar_enquete";
    /** s→room: a poll was opened. */
    public static final String OPENED = "enquete";
    /** s→room: a poll's counts changed, or it was closed. */
    public static final String UPDATED = "enquete_atualizada";

    private PollPayloads() {
    }

    public static Map<String, Object> poll(Poll poll) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id_sala", poll.roomId());
        payload.put("id_enquete", poll.id());
        payload.put("pergunta", poll.question());
        List<Map<String, Object>> options = new ArrayList<>(poll.options().size());
        for (int i = 0; i < poll.options().size(); i++) {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("texto", poll.options().get(i));
            option.put("votos", poll.votes().get(i));
            options.add(option);
        }
        payload.put("opcoes", options);
        payload.put("autor", poll.author());
        payload.put("aberta", poll.open());
        payload.put("criada_em", TimeTexts.iso(poll.createdAt()));
        payload.put("total_votos", poll.totalVotes());
        return payload;
    }

    /** As a member sees it ({@code entrar} ack): with {@code meu_voto}, the option index they chose, or null. */
    public static Map<String, Object> seen(Polls.Seen seen) {
        Map<String, Object> payload = poll(seen.poll());
        payload.put("meu_voto", seen.myChoice());
        return payload;
    }

    public static List<Map<String, Object>> polls(List<Poll> polls) {
        return polls.stream().map(PollPayloads::poll).toList();
    }
}
