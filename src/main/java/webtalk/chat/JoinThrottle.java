package webtalk.chat;

import java.time.Clock;
import webtalk.security.RateLimiter;

/**
 * The cost of {@code entrar}: each join reads the room, its bans and up to
 * {@link ChatService#CATCH_UP_LIMIT} messages and writes them to the joiner, so joins are
 * budgeted per connection ({@link #PER_CONNECTION} a minute, bursts of {@link #CONNECTION_BURST})
 * and per address ({@link #PER_ADDRESS} a minute), and the messages replayed per address
 * ({@link #REPLAYED_PER_ADDRESS} a minute, charged after the replay: the next join waits until the
 * debt is paid back). Without it, {@code entrar {ultimo_id: 0}} sent 100 times replayed 100,000
 * messages in 5 s. Past a budget: {@code limite_entradas}. A class behind one address (30 people
 * joining, reconnecting after a Wi-Fi drop) stays far below every figure; the operator may change
 * the per-address figure or turn both per-address budgets off ({@link AddressBudgets}).
 */
final class JoinThrottle {

    static final int PER_CONNECTION = 20;
    static final int CONNECTION_BURST = 10;
    static final int PER_ADDRESS = 600;
    static final int REPLAYED_PER_ADDRESS = 5_000;

    private final boolean perAddressLimited;
    private final RateLimiter perConnection;
    private final RateLimiter perAddress;
    private final RateLimiter replayedPerAddress;

    JoinThrottle(Clock clock) {
        this(PER_ADDRESS, clock);
    }

    /** @param joinsPerAddress joins per minute per address; 0 turns off the per-address budgets */
    public JoinThrottle(int joinsPerAddress, Clock clock) {
        this.perAddressLimited = joinsPerAddress > 0;
        this.perConnection = new RateLimiter(() -> PER_CONNECTION, () -> CONNECTION_BURST, clock);
        this.perAddress = new RateLimiter(() -> joinsPerAddress, () -> joinsPerAddress, clock);
        this.replayedPerAddress = new RateLimiter(() -> REPLAYED_PER_ADDRESS, () -> REPLAYED_PER_ADDRESS, clock);
    }

    /** Counts one join; refuses it (JOIN_RATE) when a budget is spent. Cheap: call before any store read. */
    void admit(MemberConnection connection) {
        String address = connection.address();
        if (!perConnection.tryAcquire(connection.id())
                || perAddressLimited && (!replayedPerAddress.hasTokens(address) || !perAddress.tryAcquire(address))) {
            throw new ChatException(ChatError.JOIN_RATE);
        }
    }

    /** Charges the messages just replayed to the connection's address. */
    void replayed(MemberConnection connection, int messages) {
        if (perAddressLimited) {
            replayedPerAddress.charge(connection.address(), messages);
        }
    }

    void disconnected(MemberConnection connection) {
        perConnection.forget(connection.id());
    }

    /** Drops the addresses whose budgets are full again. */
    void sweep() {
        perAddress.sweep();
        replayedPerAddress.sweep();
    }
}
