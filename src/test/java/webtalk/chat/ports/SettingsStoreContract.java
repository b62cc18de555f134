package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.ChatSettings;
import webtalk.chat.SettingsStore;

/** What every {@link SettingsStore} guarantees: defaults until saved, then exactly what was saved. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class SettingsStoreContract extends StoreContract {

    private SettingsStore settings() {
        return store.settings();
    }

    @Test
    void nothingSavedReadsAsTheDefaults() {
        assertEquals(ChatSettings.DEFAULTS, settings().loadChatSettings());
    }

    @Test
    void everyFieldRoundTrips() {
        ChatSettings d = ChatSettings.DEFAULTS;
        ChatSettings changed = new ChatSettings(d.maxRooms() + 1, d.roomTimeoutHours() + 2, d.maxMessageLength() + 3,
                d.historySize() + 4, d.messagesPerMinute() + 5, d.maxUsersPerRoom() + 6, !d.roomCreationOpen(), d.retentionDays() + 7);
        settings().saveChatSettings(changed);
        assertEquals(changed, settings().loadChatSettings());
        settings().saveChatSettings(d);
        assertEquals(d, settings().loadChatSettings(), "a second save replaces the first");
    }
}
