// All the pages' words, pt-BR first. Elements name their text with data-i18n (textContent),
// data-i18n-placeholder, data-i18n-aria (aria-label) and data-i18n-title.
(function () {
  "use strict";

  const WORDS = {
    "pt-BR": {
      "app.tagline": "Salas de chat em tempo real",
      "lang.switch": "English",
      "nav.lobby": "Salas",
      "nav.admin": "Administração",
      "nick.label": "Seu nome",
      "nick.placeholder": "Como você quer ser chamado?",
      "nick.required": "Escolha um nome (1 a 30 caracteres) antes de entrar.",
      "lobby.title": "Salas de chat",
      "lobby.search": "Buscar sala",
      "lobby.filter": "Filtrar salas",
      "lobby.filter.all": "Todas",
      "lobby.filter.public": "Públicas",
      "lobby.filter.protected": "Protegidas",
      "lobby.create": "Criar Sala",
      "lobby.code": "Acessar por Código",
      "lobby.col.name": "Sala",
      "lobby.col.creator": "Criador",
      "lobby.col.online": "Online",
      "lobby.col.messages": "Mensagens",
      "lobby.col.created": "Criada em",
      "lobby.enter": "Entrar",
      "lobby.empty": "Nenhuma sala encontrada. Que tal criar a primeira?",
      "lobby.protected": "Sala protegida por senha",
      "lobby.page": "Página {n} de {total}",
      "lobby.prev": "Anterior",
      "lobby.next": "Próxima",
      "create.title": "Criar Sala",
      "create.name": "Nome da sala",
      "create.description": "Descrição (opcional)",
      "create.password": "Senha (opcional: deixe em branco para uma sala pública)",
      "create.submit": "Criar e entrar",
      "code.title": "Acessar por Código",
      "code.label": "Código da sala",
      "code.submit": "Acessar",
      "protected.title": "Sala Protegida",
      "protected.text": "Esta sala é protegida. Digite a senha para entrar.",
      "protected.password": "Senha da sala",
      "protected.submit": "Entrar",
      "cancel": "Cancelar",
      "close": "Fechar",
      "chat.back": "Voltar às salas",
      "chat.leave": "Sair da sala",
      "chat.members": "Pessoas online",
      "chat.input": "Escreva uma mensagem (Enter envia, Shift+Enter quebra a linha)",
      "chat.send": "Enviar",
      "chat.connected": "Conectado",
      "chat.connecting": "Conectando…",
      "chat.reconnecting": "Reconectando…",
      "chat.typing": "{name} está digitando…",
      "chat.joined": "{name} entrou na sala",
      "chat.left": "{name} saiu da sala",
      "chat.older": "Carregando mensagens anteriores…",
      "chat.start": "Início da conversa",
      "chat.closed": "Esta sala foi encerrada.",
      "chat.removed": "Você saiu desta sala.",
      "chat.messages": "Mensagens",
      "chat.counter": "{n} de {max} caracteres",
      "chat.me": "você",
      "admin.title": "Painel de administração",
      "admin.login": "Entrar como administrador",
      "admin.password": "Senha de administrador",
      "admin.submit": "Entrar",
      "admin.logout": "Sair",
      "admin.rooms": "Salas ativas",
      "admin.totalRooms": "Salas (total)",
      "admin.online": "Usuários online",
      "admin.messages": "Mensagens (total)",
      "admin.lastHour": "Mensagens na última hora",
      "admin.connections": "Conexões",
      "admin.uptime": "Tempo no ar",
      "admin.memory": "Memória",
      "admin.chart": "Mensagens por minuto (última hora)",
      "admin.activity": "Atividade recente",
      "admin.roomsTable": "Salas",
      "admin.delete": "Excluir",
      "admin.closeRoom": "Encerrar",
      "admin.confirmDelete": "Excluir a sala \"{name}\" e todas as suas mensagens? Quem estiver nela será avisado e removido.",
      "admin.confirm": "Confirmar",
      "admin.settings": "Configurações",
      "admin.save": "Salvar configurações",
      "admin.saved": "Configurações salvas com sucesso!",
      "admin.audit": "Auditoria",
      "admin.newPassword": "Nova senha de administrador (opcional, mínimo 8 caracteres)",
      "set.maximo_salas": "Máximo de salas",
      "set.timeout_sala": "Encerrar salas paradas após (horas)",
      "set.tamanho_maximo_mensagem": "Tamanho máximo da mensagem",
      "set.tamanho_historico": "Mensagens de histórico ao entrar",
      "set.limite_mensagens_por_minuto": "Mensagens por minuto por pessoa",
      "set.maximo_usuarios_por_sala": "Máximo de pessoas por sala",
      "set.criacao_salas_aberta": "Qualquer pessoa pode criar salas",
      "error.network": "Sem conexão com o servidor. Tente novamente.",
    },
    en: {
      "app.tagline": "Real-time chat rooms",
      "lang.switch": "Português",
      "nav.lobby": "Rooms",
      "nav.admin": "Admin",
      "nick.label": "Your name",
      "nick.placeholder": "What should people call you?",
      "nick.required": "Choose a name (1 to 30 characters) before entering.",
      "lobby.title": "Chat rooms",
      "lobby.search": "Search rooms",
      "lobby.filter": "Filter rooms",
      "lobby.filter.all": "All",
      "lobby.filter.public": "Public",
      "lobby.filter.protected": "Protected",
      "lobby.create": "Create Room",
      "lobby.code": "Join by Code",
      "lobby.col.name": "Room",
      "lobby.col.creator": "Creator",
      "lobby.col.online": "Online",
      "lobby.col.messages": "Messages",
      "lobby.col.created": "Created",
      "lobby.enter": "Enter",
      "lobby.empty": "No rooms found. Why not create the first one?",
      "lobby.protected": "Password-protected room",
      "lobby.page": "Page {n} of {total}",
      "lobby.prev": "Previous",
      "lobby.next": "Next",
      "create.title": "Create Room",
      "create.name": "Room name",
      "create.description": "Description (optional)",
      "create.password": "Password (optional: leave empty for a public room)",
      "create.submit": "Create and enter",
      "code.title": "Join by Code",
      "code.label": "Room code",
      "code.submit": "Join",
      "protected.title": "Protected Room",
      "protected.text": "This room is protected. Type its password to enter.",
      "protected.password": "Room password",
      "protected.submit": "Enter",
      "cancel": "Cancel",
      "close": "Close",
      "chat.back": "Back to rooms",
      "chat.leave": "Leave room",
      "chat.members": "People online",
      "chat.input": "Write a message (Enter sends, Shift+Enter for a new line)",
      "chat.send": "Send",
      "chat.connected": "Connected",
      "chat.connecting": "Connecting…",
      "chat.reconnecting": "Reconnecting…",
      "chat.typing": "{name} is typing…",
      "chat.joined": "{name} joined the room",
      "chat.left": "{name} left the room",
      "chat.older": "Loading earlier messages…",
      "chat.start": "Start of the conversation",
      "chat.closed": "This room was closed.",
      "chat.removed": "You are out of this room.",
      "chat.messages": "Messages",
      "chat.counter": "{n} of {max} characters",
      "chat.me": "you",
      "admin.title": "Admin panel",
      "admin.login": "Sign in as admin",
      "admin.password": "Admin password",
      "admin.submit": "Sign in",
      "admin.logout": "Sign out",
      "admin.rooms": "Active rooms",
      "admin.totalRooms": "Rooms (total)",
      "admin.online": "Users online",
      "admin.messages": "Messages (total)",
      "admin.lastHour": "Messages in the last hour",
      "admin.connections": "Connections",
      "admin.uptime": "Uptime",
      "admin.memory": "Memory",
      "admin.chart": "Messages per minute (last hour)",
      "admin.activity": "Recent activity",
      "admin.roomsTable": "Rooms",
      "admin.delete": "Delete",
      "admin.closeRoom": "Close",
      "admin.confirmDelete": "Delete room \"{name}\" and all its messages? Everyone in it will be told and removed.",
      "admin.confirm": "Confirm",
      "admin.settings": "Settings",
      "admin.save": "Save settings",
      "admin.saved": "Settings saved.",
      "admin.audit": "Audit log",
      "admin.newPassword": "New admin password (optional, at least 8 characters)",
      "set.maximo_salas": "Maximum rooms",
      "set.timeout_sala": "Close idle rooms after (hours)",
      "set.tamanho_maximo_mensagem": "Maximum message length",
      "set.tamanho_historico": "History messages on entry",
      "set.limite_mensagens_por_minuto": "Messages per minute per person",
      "set.maximo_usuarios_por_sala": "Maximum people per room",
      "set.criacao_salas_aberta": "Anyone may create rooms",
      "error.network": "No connection to the server. Try again.",
    },
  };

  function chosenLanguage() {
    const saved = localStorage.getItem("webtalk.lang");
    if (saved && WORDS[saved]) return saved;
    const browser = (navigator.language || "pt-BR").toLowerCase();
    return browser.startsWith("en") ? "en" : "pt-BR";
  }

  let lang = chosenLanguage();

  function t(key, vars) {
    const text = (WORDS[lang] && WORDS[lang][key]) || WORDS["pt-BR"][key] || key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (vars && name in vars ? String(vars[name]) : ""));
  }

  function apply(root) {
    const scope = root || document;
    document.documentElement.lang = lang;
    scope.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    scope.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    scope.querySelectorAll("[data-i18n-aria]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.i18nAria)); });
    scope.querySelectorAll("[data-i18n-title]").forEach((el) => { el.title = t(el.dataset.i18nTitle); });
  }

  function toggle() {
    lang = lang === "en" ? "pt-BR" : "en";
    localStorage.setItem("webtalk.lang", lang);
    apply();
    document.dispatchEvent(new CustomEvent("webtalk:language"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    apply();
    document.querySelectorAll("[data-action=toggle-language]").forEach((b) => b.addEventListener("click", toggle));
  });

  window.WebTalkI18n = { t, apply, language: () => lang };
})();
