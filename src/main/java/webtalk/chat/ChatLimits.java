package webtalk.chat;

import java.time.Clock;
import webtalk.security.AttemptCounters;
import java.util.function.Supplier;
import webtalk.security.RateLimiter;

/**
 * The limiters, built by {@code app} and handed to {@link ChatService}. The password guesses and
 * the room creations count through {@link AttemptCounters} (shared by a cluster's nodes, so
 * spreading guesses over them buys nothing); the join, typing and message rates count what this
 * node's own connections do (a connection lives on one node; the join budget per address is per
 * node).
 */
public record ChatLimits(PasswordGuesses guesses, RoomCreations creations, JoinThrottle joins, TypingThrottle typing,
                         RateLimiter messageRate) {

    /** The standard set; the message rate follows the settings in force, so a change applies at once. */
    public static ChatLimits of(AddressBudgets budgets, Supplier<ChatSettings> settings, Clock clock) {
        return of(budgets, settings, AttemptCounters.inMemory(clock), clock);
    }

    /** Like {@link #of(AddressBudgets, Supplier, Clock)}, the attempts counted by {@code counters}. */
    public static ChatLimits of(AddressBudgets budgets, Supplier<ChatSettings> settings, AttemptCounters counters, Clock clock) {
        return new ChatLimits(new PasswordGuesses(counters), new RoomCreations(budgets.roomsPerTenMinutes(), counters),
                new JoinThrottle(budgets.joinsPerMinute(), clock), new TypingThrottle(clock),
                new RateLimiter(() -> settings.get().messagesPerMinute(), clock));
    }
}
