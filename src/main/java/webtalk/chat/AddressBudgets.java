package webtalk.chat;

/**
 * What one client address may make the server do per unit of time, beyond its connections: rooms
 * created and rooms joined. Everyone behind one NAT (a school's network) or one reverse proxy not
 * listed in TRUSTED_PROXIES shares an address, so the operator can raise these, or turn them off
 * with 0 (a load test from one machine does); the per-connection and per-room limits stay.
 *
 * @param roomsPerTenMinutes rooms one address may create in 10 minutes (and four times that a day); 0: no limit
 * @param joinsPerMinute     {@code entrar} per minute from one address; 0 turns off both per-address join budgets
 *                           (joins and replayed messages)
 */
public record AddressBudgets(int roomsPerTenMinutes, int joinsPerMinute) {

    public AddressBudgets {
        if (roomsPerTenMinutes < 0 || joinsPerMinute < 0) {
            throw new IllegalArgumentException("address budgets are 0 (no limit) or more");
        }
    }

    public static AddressBudgets defaults() {
        return new AddressBudgets(RoomCreations.PER_TEN_MINUTES, JoinThrottle.PER_ADDRESS);
    }
}
