package webtalk.contract;

/**
 * The Socket.IO event names of room owners and moderators (issue #14, docs/protocol.md "Donos e
 * moderadores"). Published names: they never change.
 */
public final class OwnerEvents {

    // client → server, each acknowledged {ok:true,…} or refused with erro {codigo, mensagem}
    public static final String EDIT_ROOM = "editar_sala";
    public static final String PIN = "fixar_mensagem";
    public static final String UNPIN = "desafixar_mensagem";
    public static final String KICK = "expulsar";
    public static final String BAN = "banir";
    public static final String SLOW_MODE = "modo_lento";
    public static final String POLL_SETTING = "configurar_enquetes";
    public static final String CLOSE_ROOM = "encerrar_sala";
    public static final String MODERATOR_LINK = "gerar_link_moderacao";
    public static final String ROTATE_OWNER_KEY = "trocar_chave_dono";

    // server → room
    public static final String ROOM_UPDATED = "sala_atualizada";
    public static final String MESSAGE_PINNED = "mensagem_fixada";
    public static final String SLOW_MODE_CHANGED = "modo_lento_alterado";
    public static final String POLL_SETTING_CHANGED = "enquetes_configuradas";

    // join fields and the role in entrar's ack
    public static final String OWNER_KEY = "chave_dono";
    public static final String MODERATOR_KEY = "chave_moderacao";

    private OwnerEvents() {
    }
}
