package webtalk.chat;

/**
 * The one error vocabulary of WebTalk. {@code code} is the stable machine code sent as
 * {@code codigo}; {@code message} is the Portuguese text sent as {@code mensagem}/{@code erro};
 * {@code httpStatus} is used by the REST side. Codes never change once published (docs/protocol.md).
 */
public enum ChatError {
    INCOMPLETE_DATA("dados_incompletos", "Dados incompletos", 400),
    INVALID_DATA("dados_invalidos", "Dados inválidos", 400),
    SETTING_OUT_OF_RANGE("configuracao_invalida", "Valor inválido para %s: use de %d a %d", 400),
    INVALID_JSON("json_invalido", "JSON inválido", 400),
    ROOM_NOT_FOUND("sala_inexistente", "Sala não encontrada", 404),
    ROOM_INACTIVE("sala_inativa", "Sala inativa", 403),
    WRONG_PASSWORD("senha_incorreta", "Senha incorreta!", 401),
    INVALID_TOKEN("token_invalido", "Acesso não autorizado: entre com a senha da sala", 401),
    INVALID_NICKNAME("nome_invalido", "Nome de usuário inválido (1 a 30 caracteres)", 400),
    NICKNAME_TAKEN("nome_em_uso", "Este nome já está em uso nesta sala", 409),
    KICKED("expulso", "Você foi removido da sala pelo administrador", 403),
    BANNED("banido", "Você está banido desta sala", 403),
    MESSAGE_NOT_FOUND("mensagem_inexistente", "Mensagem não encontrada", 404),
    MEMBER_NOT_FOUND("usuario_inexistente", "Este usuário não está na sala", 404),
    ROOM_FULL("sala_cheia", "A sala está cheia", 403),
    ROOM_NAME_TAKEN("nome_sala_em_uso", "Já existe uma sala com esse nome", 409),
    INVALID_ROOM_NAME("nome_sala_invalido", "Nome da sala inválido (1 a 50 caracteres)", 400),
    INVALID_CREATOR("criador_invalido", "Nome do criador inválido (1 a 30 caracteres)", 400),
    INVALID_DESCRIPTION("descricao_invalida", "Descrição muito longa (máximo 200 caracteres)", 400),
    ROOM_LIMIT("limite_salas", "Limite de salas atingido", 403),
    ROOM_CREATION_CLOSED("criacao_fechada", "A criação de salas está desativada", 403),
    EMPTY_MESSAGE("mensagem_vazia", "Mensagem vazia", 400),
    MESSAGE_TOO_LONG("mensagem_longa", "Mensagem muito longa (máximo %d caracteres)", 400),
    NOT_IN_ROOM("fora_da_sala", "Você não está nesta sala", 403),
    NAME_MISMATCH("nome_divergente", "Você só pode enviar mensagens com o seu próprio nome", 403),
    RATE_LIMITED("limite_mensagens", "Muitas mensagens: aguarde um momento", 429),
    TOO_MANY_ATTEMPTS("muitas_tentativas", "Muitas tentativas: tente novamente mais tarde", 429),
    UNAUTHORIZED("nao_autorizado", "Acesso restrito ao administrador", 401),
    INVALID_CSRF("csrf_invalido", "Token CSRF inválido", 403),
    FORBIDDEN_ORIGIN("origem_invalida", "Origem não permitida", 403),
    INVALID_PACKET("pacote_invalido", "Pacote inválido", 400),
    NOT_FOUND("nao_encontrado", "Recurso não encontrado", 404),
    PAYLOAD_TOO_LARGE("carga_grande_demais", "Requisição grande demais", 413),
    // Resource budget (docs/security.md, "Resource budget"): refused at once, before expensive work.
    ROOM_CREATION_RATE("limite_criacao_salas", "Muitas salas criadas a partir deste endereço: tente novamente mais tarde", 429),
    JOIN_RATE("limite_entradas", "Muitas entradas em pouco tempo: aguarde um momento", 429),
    SERVER_BUSY("servidor_ocupado", "Servidor ocupado: tente novamente em instantes", 503),
    // Admin
    WRONG_CURRENT_PASSWORD("senha_atual_incorreta", "Senha atual incorreta", 403),
    // HTTP edge
    UNSUPPORTED_MEDIA_TYPE("tipo_conteudo_invalido", "Envie o corpo como application/json", 415),
    // The message path cannot store: loud, never silent (docs/security.md, "Failing loudly").
    STORE_UNAVAILABLE("armazenamento_indisponivel", "O servidor não consegue guardar mensagens agora: tente novamente em instantes", 503),
    DISK_FULL("disco_cheio", "O disco do servidor está cheio: mensagens não podem ser guardadas agora", 507),
    /** Reopening a room that is open (admin panel). */
    ROOM_ALREADY_ACTIVE("sala_ja_ativa", "A sala já está aberta", 409),
    /** A backup is already being written; one at a time (each holds a copy of the database on disk). */
    BACKUP_RUNNING("backup_em_andamento", "Já há um backup em andamento: tente novamente em instantes", 409),
    INTERNAL("erro_interno", "Erro interno do servidor", 500);

    private final String code;
    private final String message;
    private final int httpStatus;

    ChatError(String code, String message, int httpStatus) {
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    /** The Portuguese text; templates such as {@code %d} are filled by {@link ChatException}. */
    public String message() {
        return message;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
