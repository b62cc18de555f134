package webtalk.chat;

/**
 * The node-local parts {@link ChatService} works with, built by {@code app} (which chooses the
 * presence and settings implementations) and injected, so the service builds none of its own.
 */
public record ChatParts(SettingsChanges settings, LiveRooms rooms, Moderation moderation, ChatLimits limits,
                        RecentActivity activity) {
}
