package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.Message;
import webtalk.chat.MessageSearch;
import webtalk.chat.SearchQuery;

/**
 * What every {@link MessageSearch} guarantees: words found whatever their case and accents, by
 * prefix, every term required, best match first and ties newest first, pages, the current text
 * only (edits, emptied and deleted messages), and never another room's message.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class MessageSearchContract extends StoreContract {

    /** The store's search port (the same database as {@link #store}). */
    protected abstract MessageSearch search();

    /** Replaces a message's text in place, as an edit or a deletion's tombstone does. */
    protected abstract void rewriteText(String roomId, long id, String text) throws Exception;

    private long say(String room, String text) {
        return store.messages().append(room, "ana", text, T, null).message().id();
    }

    private List<Long> found(String room, String query) {
        return found(room, query, 0, 50);
    }

    private List<Long> found(String room, String query, int offset, int limit) {
        return search().search(room, SearchQuery.parse(query).terms(), offset, limit).stream().map(Message::id).toList();
    }

    @Test
    void findsWordsWhateverTheirCaseAndAccents() {
        createRoom("r1");
        long accented = say("r1", "O avião pousou");
        long upper = say("r1", "AVIÃO NO CÉU");
        long plain = say("r1", "aviao de papel");
        say("r1", "um navio no mar");
        assertEquals(sorted(List.of(plain, upper, accented)), sorted(found("r1", "aviao")));
        assertEquals(3, found("r1", "AVIÃO").size());
        assertEquals(List.of(upper), found("r1", "ceu"));
        assertEquals(List.of(upper), found("r1", "Céu"));
    }

    @Test
    void aTermFindsTheWordsItBeginsAndEveryTermIsNeeded() {
        createRoom("r1");
        long both = say("r1", "Amanhã temos prova de matemática");
        long one = say("r1", "A matemática é linda");
        assertEquals(List.of(both), found("r1", "mat prov"));
        assertEquals(2, found("r1", "matem").size());
        assertEquals(List.of(), found("r1", "atematica"), "a term matches the start of a word only");
        assertEquals(List.of(one), found("r1", "linda matematica"));
    }

    @Test
    void aOneCharacterTermFindsOnlyThatWord() {
        createRoom("r1");
        long alone = say("r1", "plano A ou plano B");
        say("r1", "amanhã às aulas");
        assertEquals(List.of(alone), found("r1", "a"));
        assertEquals(List.of(alone), found("r1", "b plano"));
    }

    @Test
    void punctuationSplitsWordsAsTheQuerySplitsThem() {
        createRoom("r1");
        long mail = say("r1", "escreva para ana@escola.edu.br ou veja www.escola.br/provas-finais");
        assertEquals(List.of(mail), found("r1", "escola"));
        assertEquals(List.of(mail), found("r1", "finais"));
        assertEquals(List.of(mail), found("r1", "provas-finais"));
    }

    @Test
    void theBestMatchComesFirstAndTiesComeNewestFirst() {
        createRoom("r1");
        long once = say("r1", "prova amanhã cedo e depois almoço com a turma toda no refeitório");
        long twice = say("r1", "prova prova");
        long tieOld = say("r1", "nada aqui");
        long tieA = say("r1", "gato");
        long tieB = say("r1", "gato");
        assertEquals(List.of(twice, once), found("r1", "prova"));
        assertEquals(List.of(tieB, tieA), found("r1", "gato"));
        assertTrue(tieOld > 0);
    }

    @Test
    void pagesFollowOneAnotherWithoutRepeats() {
        createRoom("r1");
        List<Long> ids = IntStream.range(0, 7).mapToObj(i -> say("r1", "eco " + i)).toList();
        List<Long> all = found("r1", "eco");
        assertEquals(7, all.size());
        assertEquals(all.subList(0, 3), found("r1", "eco", 0, 3));
        assertEquals(all.subList(3, 6), found("r1", "eco", 3, 3));
        assertEquals(all.subList(6, 7), found("r1", "eco", 6, 3));
        assertEquals(sorted(ids), sorted(all));
        assertEquals(sorted(ids), sorted(all));
        assertEquals(ids.get(6), all.get(0), "equal ranks: newest first");
        assertEquals(ids.get(0), all.get(6));
    }

    @Test
    void onlyTheNewestMatchesUpToTheBoundAreRanked() {
        createRoom("r1");
        for (int i = 0; i < MessageSearch.MAX_CANDIDATES + 5; i++) {
            store.messages().append("r1", "ana", "bola " + i, T.plusMillis(i), null);
        }
        List<Long> all = found("r1", "bola", 0, MessageSearch.MAX_CANDIDATES + 5);
        assertEquals(MessageSearch.MAX_CANDIDATES, all.size());
        assertTrue(all.stream().allMatch(id -> id > 5), "the oldest matches are left out: " + all.stream().min(Long::compare));
    }

    @Test
    void anEditedMessageIsFoundByItsNewTextOnly() throws Exception {
        createRoom("r1");
        long id = say("r1", "encontro na biblioteca");
        rewriteText("r1", id, "encontro no ginásio");
        assertEquals(List.of(), found("r1", "biblioteca"));
        assertEquals(List.of(id), found("r1", "ginasio"));
        assertEquals(List.of(id), found("r1", "encontro"));
    }

    @Test
    void aMessageEditedOrDeletedAfterASearchFoundItIsFoundByItsNewTextOnly() throws Exception {
        createRoom("r1");
        long edited = say("r1", "reunião na biblioteca");
        long deleted = say("r1", "reunião cancelada");
        assertEquals(2, found("r1", "reuniao").size());
        rewriteText("r1", edited, "reunião no ginásio");
        assertTrue(store.messages().deleteMessage("r1", deleted));
        assertEquals(List.of(edited), found("r1", "reuniao"));
        assertEquals(List.of(), found("r1", "biblioteca"));
        assertEquals(List.of(), found("r1", "cancelada"));
        assertEquals(List.of(edited), found("r1", "ginasio"));
    }

    @Test
    void emptiedAndDeletedMessagesAreNotFound() throws Exception {
        createRoom("r1");
        long tombstone = say("r1", "segredo um");
        long deleted = say("r1", "segredo dois");
        long kept = say("r1", "segredo três");
        rewriteText("r1", tombstone, "");
        assertTrue(store.messages().deleteMessage("r1", deleted));
        assertEquals(List.of(kept), found("r1", "segredo"));
        assertEquals(3, store.messages().deleteMessagesBefore("r1", T.plusSeconds(60), 10), "the emptied one, the tombstone and the kept one");
        assertEquals(List.of(), found("r1", "segredo"));
    }

    @Test
    void aSearchNeverReturnsAnotherRoomsMessages() {
        createRoom("r1");
        createRoom("r10");
        createRoom("r2");
        long mine = say("r1", "tarefa de casa");
        say("r10", "tarefa de casa");
        say("r2", "tarefa de casa");
        say("r2", "tarefa");
        assertEquals(List.of(mine), found("r1", "tarefa"));
        for (Message m : search().search("r2", List.of("tarefa"), 0, 10)) {
            assertEquals("r2", m.roomId());
        }
        assertEquals(List.of(), found("nenhuma", "tarefa"));
    }

    @Test
    void aDeletedRoomTakesItsMessagesOutOfTheIndex() {
        createRoom("r1");
        say("r1", "festa junina");
        assertTrue(store.rooms().deleteRoom("r1"));
        createRoom("r1");
        assertEquals(List.of(), found("r1", "festa"));
    }

    @Test
    void whatPeopleTypeIsNeverReadAsQuerySyntax() {
        createRoom("r1");
        long quoted = say("r1", "ele disse \"NEAR\" AND OR NOT * ^ col:um");
        for (String typed : List.of("\"", "\"NEAR\"", "AND", "OR NOT", "near(a b)", "col:um", "*", "a*", "^um", "'; DROP TABLE messages; --",
                "\\", "'", "text : um", "(((", "a & b | !c", "x:*", "{room} : r1")) {
            try {
                search().search("r1", SearchQuery.parse(typed).terms(), 0, 10);
            } catch (webtalk.chat.ChatException noWord) {
                // only punctuation: refused before the store
            }
        }
        assertEquals(List.of(quoted), found("r1", "\"near\" and"));
        assertEquals(List.of(quoted), found("r1", "col:um"));
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }
}
