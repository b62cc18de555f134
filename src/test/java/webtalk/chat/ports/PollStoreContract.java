package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.Poll;
import webtalk.chat.PollStore;

/**
 * What every {@link PollStore} guarantees: polls in their room only, options in order, at most N
 * open per room even when opened at once, one vote per poll and voter even when sent at once, no
 * vote in a closed poll, polls gone with their room.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PollStoreContract extends StoreContract {

    private static final int MAX_OPEN = 5;
    private static final int KEPT = 100;

    private PollStore polls() {
        return store.polls();
    }

    private Poll open(String roomId, String question) {
        return polls().openPoll(roomId, question, List.of("Sim", "Não", "Mais ou menos"), "ana", T, MAX_OPEN, KEPT).orElseThrow();
    }

    @Test
    void anOpenedPollIsStoredOpenWithItsOptionsInOrderAndNoVotes() {
        createRoom("r1");
        Poll poll = open("r1", "Entenderam?");
        assertEquals(new Poll(poll.id(), "r1", "Entenderam?", List.of("Sim", "Não", "Mais ou menos"), List.of(0, 0, 0), "ana", true, T),
                poll);
        assertEquals(Optional.of(poll), polls().poll("r1", poll.id()));
    }

    @Test
    void aPollIsFoundOnlyInItsOwnRoom() {
        createRoom("r1");
        createRoom("r2");
        Poll poll = open("r1", "Entenderam?");
        assertEquals(Optional.empty(), polls().poll("r2", poll.id()));
        assertFalse(polls().vote("r2", poll.id(), "bia", 0, T), "a vote naming another room");
        assertFalse(polls().closePoll("r2", poll.id(), T), "a close naming another room");
        assertEquals(List.of(0, 0, 0), polls().poll("r1", poll.id()).orElseThrow().votes());
        assertTrue(polls().poll("r1", poll.id()).orElseThrow().open());
    }

    @Test
    void aVoterVotesOncePerPollAndTheCountsFollow() {
        createRoom("r1");
        Poll poll = open("r1", "Entenderam?");
        assertTrue(polls().vote("r1", poll.id(), "ana", 0, T));
        assertTrue(polls().vote("r1", poll.id(), "bia", 2, T));
        assertTrue(polls().vote("r1", poll.id(), "caio", 0, T));
        assertFalse(polls().vote("r1", poll.id(), "bia", 1, T), "a second vote of the same voter");
        Poll counted = polls().poll("r1", poll.id()).orElseThrow();
        assertEquals(List.of(2, 0, 1), counted.votes());
        assertEquals(3, counted.totalVotes());
        assertEquals(Map.of(poll.id(), 2), polls().choices(List.of(poll.id()), "bia"));
    }

    @Test
    void aClosedPollTakesNoVoteAndClosesOnce() {
        createRoom("r1");
        Poll poll = open("r1", "Entenderam?");
        assertTrue(polls().vote("r1", poll.id(), "ana", 1, T));
        assertTrue(polls().closePoll("r1", poll.id(), T.plusSeconds(60)));
        assertFalse(polls().closePoll("r1", poll.id(), T.plusSeconds(61)), "already closed");
        assertFalse(polls().vote("r1", poll.id(), "bia", 0, T.plusSeconds(62)));
        Poll closed = polls().poll("r1", poll.id()).orElseThrow();
        assertFalse(closed.open());
        assertEquals(List.of(0, 1, 0), closed.votes());
    }

    @Test
    void aRoomHasAtMostMaxOpenPollsAndClosingOneMakesRoom() {
        createRoom("r1");
        createRoom("r2");
        List<Poll> opened = new ArrayList<>();
        for (int i = 0; i < MAX_OPEN; i++) {
            opened.add(open("r1", "Pergunta " + i));
        }
        assertEquals(Optional.empty(), polls().openPoll("r1", "Mais uma", List.of("a", "b"), "ana", T, MAX_OPEN, KEPT));
        assertTrue(polls().openPoll("r2", "Outra sala", List.of("a", "b"), "ana", T, MAX_OPEN, KEPT).isPresent(), "the limit is per room");
        polls().closePoll("r1", opened.get(0).id(), T);
        assertTrue(polls().openPoll("r1", "Agora cabe", List.of("a", "b"), "ana", T, MAX_OPEN, KEPT).isPresent());
    }

    @Test
    void theRoomsPollsAreItsOpenOnesAndItsNewestOldestFirst() {
        createRoom("r1");
        createRoom("r2");
        Poll old = open("r1", "Antiga, aberta");
        List<Poll> closed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Poll poll = open("r1", "Fechada " + i);
            polls().closePoll("r1", poll.id(), T);
            closed.add(poll);
        }
        open("r2", "De outra sala");
        List<Poll> listed = polls().polls("r1", 2);
        assertEquals(List.of(old.id(), closed.get(2).id(), closed.get(3).id()), listed.stream().map(Poll::id).toList(),
                "the old open one stays listed; of the closed, the 2 newest");
        assertEquals(List.of("Sim", "Não", "Mais ou menos"), listed.get(1).options());
        assertEquals(List.of(), polls().polls("r9", 10));
    }

    @Test
    void aRoomKeepsItsNewestPollsAndOlderClosedOnesGoWithTheirVotes() {
        createRoom("r1");
        Poll openOld = open("r1", "Antiga, aberta");
        List<Poll> closed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Poll poll = open("r1", "Fechada " + i);
            polls().vote("r1", poll.id(), "ana", 0, T);
            polls().closePoll("r1", poll.id(), T);
            closed.add(poll);
        }
        polls().openPoll("r1", "Nova", List.of("a", "b"), "ana", T, MAX_OPEN, 3).orElseThrow();
        List<Long> kept = polls().polls("r1", 10).stream().map(Poll::id).toList();
        assertEquals(4, kept.size(), kept.toString());
        assertTrue(kept.contains(openOld.id()), "an open poll is never pruned");
        assertTrue(kept.contains(closed.get(3).id()) && kept.contains(closed.get(2).id()));
        assertEquals(Optional.empty(), polls().poll("r1", closed.get(0).id()));
        assertEquals(Map.of(), polls().choices(List.of(closed.get(0).id(), closed.get(1).id()), "ana"));
    }

    @Test
    void pollsGoWithTheirRoom() {
        createRoom("r1");
        Poll poll = open("r1", "Entenderam?");
        polls().vote("r1", poll.id(), "ana", 0, T);
        store.rooms().deleteRoom("r1");
        assertEquals(Optional.empty(), polls().poll("r1", poll.id()));
        assertEquals(Map.of(), polls().choices(List.of(poll.id()), "ana"));
    }

    @Test
    void votesOfOneVoterSentAtOnceCountOnce() throws Exception {
        createRoom("r1");
        Poll poll = open("r1", "Entenderam?");
        List<Boolean> recorded = all(8, i -> () -> polls().vote("r1", poll.id(), "ana", i % 3, T));
        assertEquals(1, recorded.stream().filter(b -> b).count());
        assertEquals(1, polls().poll("r1", poll.id()).orElseThrow().totalVotes());
    }

    @Test
    void pollsOpenedAtOnceNeverPassTheLimit() throws Exception {
        createRoom("r1");
        List<Boolean> opened = all(12, i -> () -> polls()
                .openPoll("r1", "Pergunta " + i, List.of("a", "b"), "ana", T.plus(Duration.ofMillis(i)), MAX_OPEN, KEPT).isPresent());
        assertEquals(MAX_OPEN, opened.stream().filter(b -> b).count());
        assertEquals(MAX_OPEN, polls().polls("r1", 0).size());
    }

    private interface Task {
        Callable<Boolean> of(int i);
    }

    private static List<Boolean> all(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(task.of(i)));
            }
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
