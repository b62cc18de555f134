package webtalk.chat;

/**
 * Limits an admin can change at run time; persisted in the store and applied without restart.
 * Field ranges are checked by {@link #validate()}; defaults follow the original (500 characters,
 * 20 messages of history).
 */
public record ChatSettings(int maxRooms, int roomTimeoutHours, int maxMessageLength, int historySize,
                           int messagesPerMinute, int maxUsersPerRoom, boolean roomCreationOpen) {

    public static final ChatSettings DEFAULTS = new ChatSettings(100, 24, 500, 20, 60, 500, true);

    /** @throws ChatException SETTING_OUT_OF_RANGE naming the first field out of range */
    public ChatSettings validate() {
        check("maximo_salas", maxRooms, 1, 1000);
        check("timeout_sala", roomTimeoutHours, 1, 168);
        check("tamanho_maximo_mensagem", maxMessageLength, 1, 5000);
        check("tamanho_historico", historySize, 0, 200);
        check("limite_mensagens_por_minuto", messagesPerMinute, 1, 6000);
        check("maximo_usuarios_por_sala", maxUsersPerRoom, 1, 10000);
        return this;
    }

    private static void check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, field, min, max);
        }
    }
}
