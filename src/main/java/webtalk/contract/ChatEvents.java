package webtalk.contract;

/**
 * The Socket.IO event names of the public contract, and the codes a room-closing event carries
 * (docs/protocol.md). Published names: they never change.
 */
public final class ChatEvents {

    public static final String JOIN = "entrar";
    public static final String LEAVE = "sair";
    public static final String MESSAGE = "mensagem_chat";
    public static final String TYPING = "digitando";
    public static final String USER_JOINED = "usuario_entrou";
    public static final String USER_LEFT = "usuario_saiu";
    /** Sent for every way a room ends (deleted, closed by the admin, idle); its {@code codigo} tells which. */
    public static final String ROOM_CLOSED = "sala_excluida";
    public static final String MESSAGE_DELETED = "mensagem_excluida";
    /** Client → server: an author edits their message. */
    public static final String EDIT_MESSAGE = "editar_mensagem";
    /** Client → server: an author (or a room moderator) deletes a message. */
    public static final String DELETE_MESSAGE = "excluir_mensagem";
    /** Server → room: a message's new text. */
    public static final String MESSAGE_EDITED = "mensagem_editada";
    /** Client → server: toggle my reaction on a message. */
    public static final String REACT = "reagir";
    /** Server → room: a message's reaction counts now. */
    public static final String REACTIONS_CHANGED = "reacao_atualizada";
    public static final String REMOVED = "expulso";
    public static final String ERROR = "erro";
    /**
     * Server → every connection: the limits of {@code GET /api/limites} after an admin changed the
     * settings, so that open rooms apply a new maximum message length without a reload.
     */
    public static final String LIMITS_CHANGED = "limites_atualizados";

    /** {@code codigo} of {@link #ROOM_CLOSED} when the room was deleted (the original's only case, hence the event's name). */
    public static final String CODE_ROOM_DELETED = "sala_excluida";
    /** {@code codigo} of {@link #ROOM_CLOSED} when the room was closed (by the admin or for inactivity) and stays stored. */
    public static final String CODE_ROOM_CLOSED = "sala_encerrada";

    private ChatEvents() {
    }
}
