package webtalk.chat;

/**
 * The admin's chat settings, durably. Guarantee: {@link #load} returns what the last
 * {@link #save} committed, field by field; a field never saved (or unreadable) reads as its
 * {@link ChatSettings#DEFAULTS} value.
 */
public interface SettingsStore {

    ChatSettings loadChatSettings();

    void saveChatSettings(ChatSettings settings);
}
