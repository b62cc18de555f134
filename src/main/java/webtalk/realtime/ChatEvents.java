package webtalk.realtime;

/** The Socket.IO event names of the public contract (docs/protocol.md). */
final class ChatEvents {

    static final String JOIN = "entrar";
    static final String LEAVE = "sair";
    static final String MESSAGE = "mensagem_chat";
    static final String TYPING = "digitando";
    static final String USER_JOINED = "usuario_entrou";
    static final String USER_LEFT = "usuario_saiu";
    static final String ROOM_CLOSED = "sala_excluida";
    static final String MESSAGE_DELETED = "mensagem_excluida";
    static final String REMOVED = "expulso";
    static final String ERROR = "erro";

    private ChatEvents() {
    }
}
