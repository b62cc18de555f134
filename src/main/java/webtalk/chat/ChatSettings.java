package webtalk.chat;

/**
 * Limits an admin can change at run time; persisted in the store and applied without restart.
 * Each field's public name and range are in {@link ChatSetting}, checked by {@link #validate()}; defaults follow the original (500 characters,
 * 20 messages of history). {@code roomTimeoutHours} 0 means rooms never close for inactivity;
 * {@code retentionDays} 0 means messages are kept forever (a room may override it);
 * {@code editWindowMinutes} 0 means authors can never edit or delete their messages.
 */
public record ChatSettings(int maxRooms, int roomTimeoutHours, int maxMessageLength, int historySize,
                           int messagesPerMinute, int maxUsersPerRoom, boolean roomCreationOpen, int retentionDays,
                           int editWindowMinutes) {

    public static final int MAX_RETENTION_DAYS = 3650;
    /** Authors may edit or delete their messages for this many minutes by default. */
    public static final int DEFAULT_EDIT_WINDOW_MINUTES = 15;
    public static final ChatSettings DEFAULTS = new ChatSettings(100, 24, 500, 20, 60, 500, true, 0,
            DEFAULT_EDIT_WINDOW_MINUTES);

    /** The default edit window ({@link #DEFAULT_EDIT_WINDOW_MINUTES}). */
    public ChatSettings(int maxRooms, int roomTimeoutHours, int maxMessageLength, int historySize,
                        int messagesPerMinute, int maxUsersPerRoom, boolean roomCreationOpen, int retentionDays) {
        this(maxRooms, roomTimeoutHours, maxMessageLength, historySize, messagesPerMinute, maxUsersPerRoom, roomCreationOpen,
                retentionDays, DEFAULT_EDIT_WINDOW_MINUTES);
    }

    /** Keeps messages forever (retention 0). */
    public ChatSettings(int maxRooms, int roomTimeoutHours, int maxMessageLength, int historySize,
                        int messagesPerMinute, int maxUsersPerRoom, boolean roomCreationOpen) {
        this(maxRooms, roomTimeoutHours, maxMessageLength, historySize, messagesPerMinute, maxUsersPerRoom, roomCreationOpen, 0);
    }

    /** @throws ChatException SETTING_OUT_OF_RANGE naming the first field out of range (in {@link ChatSetting}'s order) */
    public ChatSettings validate() {
        for (ChatSetting setting : ChatSetting.values()) {
            if (setting.isFlag()) {
                continue;
            }
            int value = (Integer) setting.valueIn(this);
            if (value < setting.min() || value > setting.max()) {
                throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, setting.field(), setting.min(), setting.max());
            }
        }
        return this;
    }
}
