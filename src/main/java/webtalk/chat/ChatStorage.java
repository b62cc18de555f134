package webtalk.chat;

/**
 * The ports {@link ChatService} stores through, as one database usually provides them. Each keeps
 * its own guarantee; nothing more is promised for them together.
 */
public interface ChatStorage extends Rooms, MessageLog, Bans, SettingsStore, MessageChanges {
}
