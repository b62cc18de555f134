package webtalk.soak;

/**
 * What a soak run found. {@code lost}: deliveries a client should have had (stored messages of its
 * room after it first joined) and never got; {@code duplicated}: messages a client got more than
 * once; {@code outOfOrder}: arrivals with an id not above the previous one; {@code ackedNotStored}:
 * acknowledged messages missing from the store; {@code storedTwice}: client ids stored more than once.
 */
record SoakReport(int clients, int rooms, double minutes, long messagesStored, long deliveries,
                  long lost, long duplicated, long outOfOrder, long ackedNotStored, long storedTwice,
                  long unackedAtEnd, int crashes) {

    boolean clean() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0 && ackedNotStored == 0 && storedTwice == 0;
    }

    String summary() {
        return String.format("soak: clients=%d rooms=%d minutes=%.2f messages=%d deliveries=%d lost=%d duplicated=%d "
                        + "out_of_order=%d acked_not_stored=%d stored_twice=%d unacked_at_end=%d crashes=%d -> %s",
                clients, rooms, minutes, messagesStored, deliveries, lost, duplicated, outOfOrder, ackedNotStored,
                storedTwice, unackedAtEnd, crashes, clean() ? "OK" : "FAILED");
    }
}
