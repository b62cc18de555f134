package webtalk.chat;

/**
 * Limits an admin can change at run time; persisted in the store and applied without restart.
 * Field ranges are checked by {@link #validate()}; defaults follow the original (500 characters,
 * 20 messages of history). {@code roomTimeoutHours} 0 means rooms never close for inactivity;
 * {@code retentionDays} 0 means messages are kept forever (a room may override it).
 */
public record ChatSettings(int maxRooms, int roomTimeoutHours, int maxMessageLength, int historySize,
                           int messagesPerMinute, int maxUsersPerRoom, boolean roomCreationOpen, int retentionDays) {

    public static final int MAX_RETENTION_DAYS = 3650;
    public static final ChatSettings DEFAULTS = new ChatSettings(100, 24, 500, 20, 60, 500, true, 0);

    /** Keeps messages forever (retention 0). */
    public ChatSettings(int maxRooms, int roomTimeoutHours, int maxMessageLength, int historySize,
                        int messagesPerMinute, int maxUsersPerRoom, boolean roomCreationOpen) {
        this(maxRooms, roomTimeoutHours, maxMessageLength, historySize, messagesPerMinute, maxUsersPerRoom, roomCreationOpen, 0);
    }

    /** @throws ChatException SETTING_OUT_OF_RANGE naming the first field out of range */
    public ChatSettings validate() {
        check("maximo_salas", maxRooms, 1, 1000);
        check("timeout_sala", roomTimeoutHours, 0, 168);
        check("tamanho_maximo_mensagem", maxMessageLength, 1, 5000);
        check("tamanho_historico", historySize, 0, 200);
        check("limite_mensagens_por_minuto", messagesPerMinute, 1, 6000);
        check("maximo_usuarios_por_sala", maxUsersPerRoom, 1, 10000);
        check("retencao_dias", retentionDays, 0, MAX_RETENTION_DAYS);
        return this;
    }

    private static void check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, field, min, max);
        }
    }
}
