package webtalk.chat;

import java.time.Clock;
import java.util.function.Supplier;
import webtalk.security.RateLimiter;

/**
 * This node's limiters, built by {@code app} and handed to {@link ChatService}: they count what
 * this node's clients do, so each node keeps its own (a budget per address is per node).
 */
public record ChatLimits(PasswordGuesses guesses, RoomCreations creations, JoinThrottle joins, TypingThrottle typing,
                         RateLimiter messageRate) {

    /** The standard set; the message rate follows the settings in force, so a change applies at once. */
    public static ChatLimits of(AddressBudgets budgets, Supplier<ChatSettings> settings, Clock clock) {
        return new ChatLimits(new PasswordGuesses(clock), new RoomCreations(budgets.roomsPerTenMinutes(), clock),
                new JoinThrottle(budgets.joinsPerMinute(), clock), new TypingThrottle(clock),
                new RateLimiter(() -> settings.get().messagesPerMinute(), clock));
    }
}
