// A room: live messages over Socket.IO, history and catch-up by id, members, typing, reconnection.
(function () {
  "use strict";
  const { api, el, linkify, nickname, setNickname, validNickname, showAlert } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const roomId = decodeURIComponent(window.location.pathname.split("/").pop());
  const TYPING_SENT_EVERY_MS = 2000;
  const TYPING_SHOWN_FOR_MS = 3000;

  const state = {
    me: nickname(),
    token: sessionStorage.getItem("webtalk.token." + roomId),
    reclaimKey: sessionStorage.getItem("webtalk.key." + roomId),
    ids: new Set(),
    lastId: 0,
    oldestId: null,
    moreOlder: true,
    loadingOlder: false,
    members: new Set(),
    maxLength: 500,
    socket: null,
    over: false,
    typing: new Map(),
    lastTypingSent: 0,
  };

  function setStatus(key, kind) {
    const badge = $("status");
    badge.dataset.i18n = key;
    badge.textContent = t(key);
    badge.className = "badge text-bg-" + kind;
  }

  function nearBottom() {
    const box = $("messages");
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  function scrollToBottom() {
    const box = $("messages");
    box.scrollTop = box.scrollHeight;
  }

  function messageNode(m) {
    const mine = m.nome_usuario.toLowerCase() === state.me.toLowerCase();
    const when = m.timestamp ? new Date(m.timestamp) : null;
    return el("article", { className: "message" + (mine ? " mine" : ""), dataset: { id: String(m.id) } },
      el("header", { className: "small" },
        el("span", { className: "author fw-semibold" }, m.nome_usuario),
        mine ? el("span", { className: "visually-hidden" }, " (" + t("chat.me") + ")") : null,
        " ",
        el("time", { className: "text-body-secondary", datetime: m.timestamp || "" },
          when ? when.toLocaleTimeString(WebTalkI18n.language(), { hour: "2-digit", minute: "2-digit" }) : m.horario)),
      el("div", { className: "text" }, linkify(m.mensagem)));
  }

  /** Adds a message once, in id order (catch-up and history may arrive around live ones). */
  function addMessage(m) {
    if (typeof m.id !== "number" || state.ids.has(m.id)) return;
    state.ids.add(m.id);
    const stick = nearBottom();
    const node = messageNode(m);
    const box = $("messages");
    const later = [...box.querySelectorAll("article.message")].find((a) => Number(a.dataset.id) > m.id);
    box.insertBefore(node, later || null);
    state.lastId = Math.max(state.lastId, m.id);
    state.oldestId = state.oldestId === null ? m.id : Math.min(state.oldestId, m.id);
    if (stick || m.nome_usuario === state.me) scrollToBottom();
  }

  function systemLine(text) {
    const stick = nearBottom();
    $("messages").append(el("div", { className: "system small text-center text-body-secondary my-1" }, text));
    if (stick) scrollToBottom();
  }

  function renderMembers() {
    const items = [...state.members].sort((a, b) => a.localeCompare(b)).map((name) =>
      el("li", { className: "member" }, el("i", { className: "bi bi-circle-fill text-success me-1 small", "aria-hidden": "true" }), name));
    $("members").replaceChildren(...items);
    $("online-count").textContent = String(state.members.size);
  }

  function renderTyping() {
    const names = [...state.typing.keys()];
    $("typing").textContent = names.length ? t("chat.typing", { name: names.join(", ") }) : "";
  }

  function updateCounter() {
    const length = [...$("message-input").value.trim()].length;
    const counter = $("counter");
    counter.textContent = t("chat.counter", { n: length, max: state.maxLength });
    counter.classList.toggle("text-danger", length > state.maxLength);
    $("send").disabled = state.over || length === 0 || length > state.maxLength;
  }

  function endOfRoom(message) {
    state.over = true;
    $("message-input").disabled = true;
    updateCounter();
    showAlert($("chat-alert"), message, "warning");
    $("chat-alert").append(el("a", { className: "btn btn-sm btn-primary mb-2", href: "/" }, t("chat.back")));
  }

  function join() {
    const payload = { id_sala: roomId, nome_usuario: state.me };
    if (state.token) payload.token = state.token;
    if (state.lastId > 0) payload.ultimo_id = state.lastId;
    if (state.reclaimKey) payload.chave_sessao = state.reclaimKey;
    state.socket.emit("entrar", payload, (answer) => {
      if (!answer || !answer.ok) {
        onRefusal(answer || {});
        return;
      }
      state.reclaimKey = answer.chave_sessao;
      sessionStorage.setItem("webtalk.key." + roomId, answer.chave_sessao);
      state.members = new Set(answer.usuarios);
      renderMembers();
      setStatus("chat.connected", "success");
      $("chat-alert").replaceChildren();
      if (answer.mais_historico) catchUpRest();
    });
  }

  function onRefusal(answer) {
    if (answer.codigo === "token_invalido") {
      sessionStorage.removeItem("webtalk.token." + roomId);
      window.location.href = "/?sala=" + encodeURIComponent(roomId);
      return;
    }
    if (answer.codigo === "nome_em_uso" || answer.codigo === "nome_invalido") {
      askNickname(answer.mensagem);
      return;
    }
    if (["sala_inexistente", "sala_inativa", "banido"].includes(answer.codigo)) {
      endOfRoom(answer.mensagem);
      return;
    }
    showAlert($("chat-alert"), answer.mensagem || t("error.network"));
  }

  /** More missed messages than one replay holds: page the rest through REST. */
  async function catchUpRest() {
    let more = true;
    while (more) {
      const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId) + "/mensagens?limite=100&depois=" + state.lastId, undefined, authHeader());
      if (!answer.ok) return;
      answer.data.mensagens.forEach(addMessage);
      more = answer.data.mais;
    }
  }

  function authHeader() {
    return state.token ? { Authorization: "Bearer " + state.token } : {};
  }

  async function loadOlder() {
    if (state.loadingOlder || !state.moreOlder || state.oldestId === null) return;
    state.loadingOlder = true;
    const box = $("messages");
    const before = box.scrollHeight;
    const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId) + "/mensagens?limite=50&antes=" + state.oldestId, undefined, authHeader());
    if (answer.ok) {
      answer.data.mensagens.forEach(addMessage);
      state.moreOlder = answer.data.mais;
      box.scrollTop += box.scrollHeight - before;
      if (!state.moreOlder && !box.querySelector(".start")) {
        box.prepend(el("div", { className: "system start small text-center text-body-secondary my-1" }, t("chat.start")));
      }
    }
    state.loadingOlder = false;
  }

  function connect() {
    const socket = io();
    state.socket = socket;
    socket.on("connect", join);
    socket.on("disconnect", () => { if (!state.over) setStatus("chat.reconnecting", "warning"); });
    socket.io.on("reconnect_attempt", () => { if (!state.over) setStatus("chat.reconnecting", "warning"); });
    socket.on("mensagem_chat", (m) => { if (m.id_sala === roomId || m.id_sala === undefined) addMessage(m); });
    socket.on("usuario_entrou", (e) => {
      if (e.id_sala && e.id_sala !== roomId) return;
      if (!state.members.has(e.nome_usuario) && e.nome_usuario !== state.me) systemLine(t("chat.joined", { name: e.nome_usuario }));
      state.members.add(e.nome_usuario);
      renderMembers();
    });
    socket.on("usuario_saiu", (e) => {
      if (e.id_sala && e.id_sala !== roomId) return;
      if (state.members.delete(e.nome_usuario)) systemLine(t("chat.left", { name: e.nome_usuario }));
      state.typing.delete(e.nome_usuario);
      renderMembers();
      renderTyping();
    });
    socket.on("mensagem_excluida", (e) => {
      const node = $("messages").querySelector('article[data-id="' + Number(e.id) + '"]');
      if (node) node.remove();
    });
    socket.on("digitando", (e) => {
      if (e.id_sala !== roomId || e.nome_usuario === state.me) return;
      clearTimeout(state.typing.get(e.nome_usuario));
      state.typing.set(e.nome_usuario, setTimeout(() => { state.typing.delete(e.nome_usuario); renderTyping(); }, TYPING_SHOWN_FOR_MS));
      renderTyping();
    });
    socket.on("sala_excluida", (e) => {
      if (e.id_sala !== roomId) return;
      setStatus("chat.closed", "secondary");
      endOfRoom(e.mensagem || t("chat.closed"));
      socket.close();
    });
    socket.on("expulso", (e) => {
      if (e.id_sala !== roomId) return;
      endOfRoom(e.mensagem || t("chat.removed"));
      socket.close();
    });
    socket.on("erro", (e) => {
      if (["token_invalido", "nome_em_uso", "nome_invalido", "sala_inexistente", "sala_inativa", "banido"].includes(e.codigo)) return;
      showAlert($("chat-alert"), e.mensagem);
    });
  }

  function send() {
    const input = $("message-input");
    const text = input.value.trim();
    if (!text || [...text].length > state.maxLength || state.over) return;
    const clientId = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).slice(0, 64);
    state.socket.timeout(10000).emit("mensagem_chat", { id_sala: roomId, nome_usuario: state.me, mensagem: text, id_cliente: clientId }, (err, answer) => {
      if (err) {
        showAlert($("chat-alert"), t("error.network"));
        return;
      }
      if (answer && !answer.ok) showAlert($("chat-alert"), answer.mensagem);
      else $("chat-alert").replaceChildren();
    });
    input.value = "";
    updateCounter();
    autosize();
  }

  function autosize() {
    const input = $("message-input");
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }

  function askNickname(reason) {
    $("nick-input").value = state.me;
    if (reason) showAlert($("nick-alert"), reason); else $("nick-alert").replaceChildren();
    bootstrap.Modal.getOrCreateInstance($("nick-modal")).show();
  }

  async function start() {
    const room = await api("GET", "/api/salas/" + encodeURIComponent(roomId));
    if (!room.ok) {
      endOfRoom(room.data.erro || t("error.network"));
      setStatus("chat.closed", "secondary");
      return;
    }
    $("room-name").textContent = room.data.nome;
    $("room-code").textContent = room.data.id;
    document.title = room.data.nome + " · WebTalk";
    $("room-lock").classList.toggle("d-none", !room.data.tem_senha);
    if (room.data.tem_senha && !state.token) {
      window.location.href = "/?sala=" + encodeURIComponent(roomId);
      return;
    }
    const limits = await api("GET", "/api/limites");
    if (limits.ok) state.maxLength = limits.data.tamanho_maximo_mensagem;
    updateCounter();
    if (!validNickname(state.me)) {
      askNickname();
      return;
    }
    connect();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const input = $("message-input");
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
    input.addEventListener("input", () => {
      updateCounter();
      autosize();
      const now = Date.now();
      if (state.socket && state.socket.connected && now - state.lastTypingSent > TYPING_SENT_EVERY_MS) {
        state.lastTypingSent = now;
        state.socket.emit("digitando", { id_sala: roomId });
      }
    });
    $("composer").addEventListener("submit", (event) => { event.preventDefault(); send(); });
    $("messages").addEventListener("scroll", () => { if ($("messages").scrollTop < 40) loadOlder(); });
    $("leave").addEventListener("click", () => {
      if (state.socket && state.socket.connected) state.socket.emit("sair", { id_sala: roomId, nome_usuario: state.me });
      sessionStorage.removeItem("webtalk.key." + roomId);
      setTimeout(() => { window.location.href = "/"; }, 100);
    });
    $("nick-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $("nick-input").value;
      if (!validNickname(value)) {
        showAlert($("nick-alert"), t("nick.required"));
        return;
      }
      setNickname(value);
      state.me = value.trim();
      bootstrap.Modal.getOrCreateInstance($("nick-modal")).hide();
      if (state.socket) join(); else connect();
    });
    document.addEventListener("webtalk:language", () => { updateCounter(); renderTyping(); });
    start();
  });
})();
