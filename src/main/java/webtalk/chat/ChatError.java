package webtalk.chat;

import java.util.List;

/**
 * The one error vocabulary of WebTalk. {@code code} is the stable machine code sent as
 * {@code codigo}; {@code message} is the Portuguese text sent as {@code mensagem}/{@code erro}.
 * Nothing here knows a transport: the REST side maps each error to its HTTP status in one table
 * ({@code webtalk.web.HttpStatuses}), the Socket.IO side sends the code. Codes never change once
 * published (docs/protocol.md).
 */
public enum ChatError {
    INCOMPLETE_DATA("dados_incompletos", "Dados incompletos"),
    INVALID_DATA("dados_invalidos", "Dados inválidos"),
    SETTING_OUT_OF_RANGE("configuracao_invalida", "Valor inválido para %s: use de %d a %d", "campo", "minimo", "maximo"),
    INVALID_JSON("json_invalido", "JSON inválido"),
    ROOM_NOT_FOUND("sala_inexistente", "Sala não encontrada"),
    ROOM_INACTIVE("sala_inativa", "Sala inativa"),
    WRONG_PASSWORD("senha_incorreta", "Senha incorreta!"),
    INVALID_TOKEN("token_invalido", "Acesso não autorizado: entre com a senha da sala"),
    INVALID_NICKNAME("nome_invalido", "Nome de usuário inválido (1 a 30 caracteres)"),
    NICKNAME_TAKEN("nome_em_uso", "Este nome já está em uso nesta sala"),
    KICKED("expulso", "Você foi removido da sala pelo administrador"),
    BANNED("banido", "Você está banido desta sala"),
    MESSAGE_NOT_FOUND("mensagem_inexistente", "Mensagem não encontrada"),
    MEMBER_NOT_FOUND("usuario_inexistente", "Este usuário não está na sala"),
    ROOM_FULL("sala_cheia", "A sala está cheia"),
    ROOM_NAME_TAKEN("nome_sala_em_uso", "Já existe uma sala com esse nome"),
    INVALID_ROOM_NAME("nome_sala_invalido", "Nome da sala inválido (1 a 50 caracteres)"),
    INVALID_CREATOR("criador_invalido", "Nome do criador inválido (1 a 30 caracteres)"),
    INVALID_DESCRIPTION("descricao_invalida", "Descrição muito longa (máximo 200 caracteres)"),
    ROOM_LIMIT("limite_salas", "Limite de salas atingido"),
    ROOM_CREATION_CLOSED("criacao_fechada", "A criação de salas está desativada"),
    EMPTY_MESSAGE("mensagem_vazia", "Mensagem vazia"),
    MESSAGE_TOO_LONG("mensagem_longa", "Mensagem muito longa (máximo %d caracteres)", "maximo"),
    NOT_IN_ROOM("fora_da_sala", "Você não está nesta sala"),
    NAME_MISMATCH("nome_divergente", "Você só pode enviar mensagens com o seu próprio nome"),
    RATE_LIMITED("limite_mensagens", "Muitas mensagens: aguarde um momento"),
    TOO_MANY_ATTEMPTS("muitas_tentativas", "Muitas tentativas: tente novamente mais tarde"),
    UNAUTHORIZED("nao_autorizado", "Acesso restrito ao administrador"),
    INVALID_CSRF("csrf_invalido", "Token CSRF inválido"),
    FORBIDDEN_ORIGIN("origem_invalida", "Origem não permitida"),
    INVALID_PACKET("pacote_invalido", "Pacote inválido"),
    NOT_FOUND("nao_encontrado", "Recurso não encontrado"),
    PAYLOAD_TOO_LARGE("carga_grande_demais", "Requisição grande demais"),
    // Resource budget (docs/security.md, "Resource budget"): refused at once, before expensive work.
    ROOM_CREATION_RATE("limite_criacao_salas", "Muitas salas criadas a partir deste endereço: tente novamente mais tarde"),
    JOIN_RATE("limite_entradas", "Muitas entradas em pouco tempo: aguarde um momento"),
    SERVER_BUSY("servidor_ocupado", "Servidor ocupado: tente novamente em instantes"),
    // Admin
    WRONG_CURRENT_PASSWORD("senha_atual_incorreta", "Senha atual incorreta"),
    // HTTP edge
    UNSUPPORTED_MEDIA_TYPE("tipo_conteudo_invalido", "Envie o corpo como application/json"),
    // The message path cannot store: loud, never silent (docs/security.md, "Failing loudly").
    STORE_UNAVAILABLE("armazenamento_indisponivel", "O servidor não consegue guardar mensagens agora: tente novamente em instantes"),
    DISK_FULL("disco_cheio", "O disco do servidor está cheio: mensagens não podem ser guardadas agora"),
    /** Reopening a room that is open (admin panel). */
    ROOM_ALREADY_ACTIVE("sala_ja_ativa", "A sala já está aberta"),
    /** A backup is already being written; one at a time (each holds a copy of the database on disk). */
    BACKUP_RUNNING("backup_em_andamento", "Já há um backup em andamento: tente novamente em instantes"),
    /** The store's engine is backed up by its own tools (PostgreSQL: pg_dump), not by the panel. */
    BACKUP_UNAVAILABLE("backup_indisponivel", "Este banco de dados é copiado pelas ferramentas dele (pg_dump), não pelo painel"),
    /** Lifting a ban the room does not have in force (unknown id, another room's, expired or lifted already). */
    BAN_NOT_FOUND("banimento_inexistente", "Banimento não encontrado (pode já ter terminado)"),
    // Polls (issue #14): every refusal of criar_enquete, votar and encerrar_enquete.
    INVALID_QUESTION("pergunta_invalida", "Pergunta inválida (1 a 200 caracteres)"),
    INVALID_OPTIONS("opcoes_invalidas", "Informe de 2 a 6 opções, cada uma com 1 a 80 caracteres"),
    POLL_NOT_FOUND("enquete_inexistente", "Enquete não encontrada nesta sala"),
    POLL_CLOSED("enquete_encerrada", "Esta enquete já foi encerrada"),
    ALREADY_VOTED("voto_repetido", "Você já votou nesta enquete"),
    INVALID_OPTION("opcao_invalida", "Opção inválida para esta enquete"),
    TOO_MANY_POLLS("limite_enquetes", "Esta sala já tem %d enquetes abertas: encerre uma antes de abrir outra", "limite"),
    NOT_POLL_AUTHOR("nao_autor_enquete", "Só quem abriu a enquete pode encerrá-la"),
    POLL_NOT_ALLOWED("enquete_nao_permitida", "Você não pode abrir enquetes nesta sala"),
    POLL_RATE("limite_criacao_enquetes", "Muitas enquetes em pouco tempo: aguarde um momento"),
    POLL_ACTION_RATE("limite_votos", "Muitos votos em pouco tempo: aguarde um momento"),
    /** Search in a room: no word, more than 100 characters or more than 8 words. */
    INVALID_SEARCH("busca_invalida", "Busca inválida: use de 1 a 100 caracteres e no máximo 8 palavras"),
    SEARCH_RATE("muitas_buscas", "Muitas buscas em pouco tempo: aguarde um momento"),
    // Room owners and moderators (issue #14): a room key proves the role, only in its room.
    INVALID_ROOM_KEY("chave_invalida", "Chave da sala inválida"),
    NOT_OWNER("nao_e_dono", "Apenas o dono ou um moderador da sala pode fazer isto"),
    OWNER_ONLY("apenas_dono", "Apenas o dono da sala pode gerenciar moderadores e chaves"),
    SLOW_MODE("modo_lento", "Modo lento: aguarde %d s para enviar outra mensagem", "segundos"),
    PIN_LIMIT("limite_fixadas", "Limite de %d mensagens fixadas atingido", "limite"),
    NOT_YOUR_MESSAGE("mensagem_de_outro", "Você só pode alterar as suas próprias mensagens"),
    EDIT_WINDOW_OVER("prazo_edicao_encerrado", "O prazo para editar ou excluir esta mensagem terminou"),
    MESSAGE_ALREADY_DELETED("mensagem_ja_excluida", "Esta mensagem foi excluída"),
    REPLY_NOT_FOUND("resposta_inexistente", "A mensagem respondida não existe nesta sala"),
    INVALID_EMOJI("emoji_invalido", "Reação inválida: use um emoji"),
    TOO_MANY_REACTIONS("reacoes_demais", "Limite de reações desta mensagem atingido"),
    /**
     * Cluster: this member's node stalled past its presence lease, the room was told it left, and
     * its name was taken meanwhile; the page joins again (docs/cluster.md, "Presence after a stall").
     */
    PRESENCE_LOST("presenca_perdida", "Sua conexão com a sala foi interrompida e o seu nome passou a outra conexão: entre novamente"),
    INTERNAL("erro_interno", "Erro interno do servidor");

    private final String code;
    private final String message;
    private final List<String> parameters;

    /**
     * {@code parameters} name, in order, the payload fields that carry the template's values
     * ({@code %s}/{@code %d}), so that a page can say the same thing in its reader's language.
     */
    ChatError(String code, String message, String... parameters) {
        this.code = code;
        this.message = message;
        this.parameters = List.of(parameters);
    }

    /** The payload field names of the template's values, in order (empty for a fixed text). */
    public List<String> parameters() {
        return parameters;
    }

    public String code() {
        return code;
    }

    /** The Portuguese text; templates such as {@code %d} are filled by {@link ChatException}. */
    public String message() {
        return message;
    }
}
