package webtalk.chat;

import java.util.function.Function;

/**
 * Each of {@link ChatSettings}' fields, defined once: its public name (the admin API's JSON field,
 * also named in {@code configuracao_fora_do_limite} errors) and its range. The admin API, the
 * validation and the stores go through this list, so a new setting is one constant here plus one
 * record component.
 *
 * <p>Stores key a stored value by {@link #key()}, the constant's name in lower case: renaming a
 * constant needs a migration.
 */
public enum ChatSetting {
    MAX_ROOMS("maximo_salas", 1, 1000),
    ROOM_TIMEOUT_HOURS("timeout_sala", 0, 168),
    MAX_MESSAGE_LENGTH("tamanho_maximo_mensagem", 1, 5000),
    HISTORY_SIZE("tamanho_historico", 0, 200),
    MESSAGES_PER_MINUTE("limite_mensagens_por_minuto", 1, 6000),
    MAX_USERS_PER_ROOM("maximo_usuarios_por_sala", 1, 10000),
    ROOM_CREATION_OPEN("criacao_salas_aberta"),
    RETENTION_DAYS("retencao_dias", 0, ChatSettings.MAX_RETENTION_DAYS),
    /** How long an author may edit or delete their message, in minutes; 0: never. */
    EDIT_WINDOW_MINUTES("janela_edicao_minutos", 0, 1440);

    private final String field;
    private final boolean flag;
    private final int min;
    private final int max;

    ChatSetting(String field, int min, int max) {
        this.field = field;
        this.flag = false;
        this.min = min;
        this.max = max;
    }

    /** A yes/no setting. */
    ChatSetting(String field) {
        this.field = field;
        this.flag = true;
        this.min = 0;
        this.max = 1;
    }

    /** The public name: the admin API's JSON field. */
    public String field() {
        return field;
    }

    /** Whether the value is a boolean; else an int within {@link #min()}..{@link #max()}. */
    public boolean isFlag() {
        return flag;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** What stores key the value by (stable: see the class comment). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** This setting's value in {@code settings}: an {@link Integer}, or a {@link Boolean} for a flag. */
    public Object valueIn(ChatSettings settings) {
        return switch (this) {
            case MAX_ROOMS -> settings.maxRooms();
            case ROOM_TIMEOUT_HOURS -> settings.roomTimeoutHours();
            case MAX_MESSAGE_LENGTH -> settings.maxMessageLength();
            case HISTORY_SIZE -> settings.historySize();
            case MESSAGES_PER_MINUTE -> settings.messagesPerMinute();
            case MAX_USERS_PER_ROOM -> settings.maxUsersPerRoom();
            case ROOM_CREATION_OPEN -> settings.roomCreationOpen();
            case RETENTION_DAYS -> settings.retentionDays();
            case EDIT_WINDOW_MINUTES -> settings.editWindowMinutes();
        };
    }

    /**
     * Settings with each value from {@code value}: an {@link Integer}, or a {@link Boolean} for a
     * flag (not validated: see {@link ChatSettings#validate()}).
     */
    public static ChatSettings build(Function<ChatSetting, Object> value) {
        return new ChatSettings(number(value, MAX_ROOMS), number(value, ROOM_TIMEOUT_HOURS), number(value, MAX_MESSAGE_LENGTH),
                number(value, HISTORY_SIZE), number(value, MESSAGES_PER_MINUTE), number(value, MAX_USERS_PER_ROOM),
                (Boolean) value.apply(ROOM_CREATION_OPEN), number(value, RETENTION_DAYS),
                number(value, EDIT_WINDOW_MINUTES));
    }

    private static int number(Function<ChatSetting, Object> value, ChatSetting setting) {
        return (Integer) value.apply(setting);
    }
}
