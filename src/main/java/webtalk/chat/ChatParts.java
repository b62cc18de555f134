package webtalk.chat;

import java.util.concurrent.Executor;

/**
 * The node-local parts {@link ChatService} works with, built by {@code app} (which chooses the
 * presence and settings implementations) and injected, so the service builds none of its own.
 *
 * @param repairs where a gap in a room's delivery is filled from the store (off the delivering thread)
 */
public record ChatParts(SettingsChanges settings, LiveRooms rooms, Moderation moderation, ChatLimits limits,
                        RecentActivity activity, Executor repairs) {
}
