// A room: live messages over Socket.IO, history and catch-up by id, members, typing, reconnection,
// and an outbox: what you send while the connection is down is shown as pending and sent once
// when the room is joined again (the same id_cliente makes a retry idempotent on the server).
(function () {
  "use strict";
  const { api, el, linkify, nickname, setNickname, validNickname, showAlert, leaveNotice, dialog } = window.WebTalk;
  // A message's text: the Markdown subset of js/markdown.js when loaded, else plain text with links.
  const formatted = window.WebTalkMarkdown ? window.WebTalkMarkdown.render : linkify;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const owner = window.WebTalkOwner; // owner.js: room owners and moderators (issue #14)
  const roomId = decodeURIComponent(window.location.pathname.split("/").pop());
  const TYPING_SENT_EVERY_MS = 2000;
  const TYPING_SHOWN_FOR_MS = 3000;
  const ACK_TIMEOUT_MS = 10000;
  const RETRY_AFTER_MS = 2000;
  const BACK_TO_LOBBY_S = 6;

  const state = {
    me: nickname(),
    roomName: "",
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
    joined: false,
    over: false,
    typing: new Map(),
    lastTypingSent: 0,
    pending: new Map(), // id_cliente -> { text, node, attempt, inFlight }
    unread: 0,
    unseenBelow: 0,
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
    state.unseenBelow = 0;
    $("jump").classList.add("d-none");
  }

  function isMine(name) {
    return name.toLowerCase() === state.me.toLowerCase();
  }

  function timeLabel(when) {
    const lang = WebTalkI18n.language();
    const time = when.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    return when.toDateString() === new Date().toDateString()
      ? time
      : when.toLocaleDateString(lang, { day: "2-digit", month: "2-digit" }) + " " + time;
  }

  function messageNode(m) {
    const node = plainMessageNode(m);
    if (owner) owner.decorateMessage(node);
    return node;
  }

  function plainMessageNode(m) {
    const mine = isMine(m.nome_usuario);
    const when = m.timestamp ? new Date(m.timestamp) : null;
    const node = el("article", { className: "message" + (mine ? " mine" : ""), dataset: { id: String(m.id) } },
      el("header", { className: "small" },
        el("span", { className: "author fw-semibold" }, m.nome_usuario),
        mine ? el("span", { className: "visually-hidden" }, " (" + t("chat.me") + ")") : null,
        " ",
        el("time", { className: "when", datetime: m.timestamp || "", title: when ? when.toLocaleString(WebTalkI18n.language()) : "" },
          when ? timeLabel(when) : m.horario)),
      el("div", { className: "text" }, formatted(m.mensagem)));
    WebTalkMessages.decorate(node, m);
    return node;
  }

  /** Puts a message node in id order; pending (unsent) ones always stay last. */
  function place(node, id) {
    const box = $("messages");
    const later = [...box.querySelectorAll("article.message[data-id]")].find((a) => Number(a.dataset.id) > id);
    box.insertBefore(node, later || box.querySelector("article.pending") || null);
  }

  /** Adds a message once (history, catch-up and live copies of it may all arrive). */
  function addMessage(m) {
    if (typeof m.id !== "number") return;
    // Broadcasts and replays come in id order, so the newest id received is a safe catch-up
    // point (an ack's id is not: an earlier broadcast may still be on its way).
    state.lastId = Math.max(state.lastId, m.id);
    const own = m.id_cliente && state.pending.get(m.id_cliente);
    if (own) {
      own.node.remove();
      state.pending.delete(m.id_cliente);
    }
    if (state.ids.has(m.id)) return;
    state.ids.add(m.id);
    const stick = nearBottom();
    place(messageNode(m), m.id);
    state.oldestId = state.oldestId === null ? m.id : Math.min(state.oldestId, m.id);
    if (state.typing.has(m.nome_usuario)) {
      clearTimeout(state.typing.get(m.nome_usuario));
      state.typing.delete(m.nome_usuario);
      renderTyping();
    }
    if (m.historico) {
      if (stick) scrollToBottom();
      return;
    }
    if (stick || isMine(m.nome_usuario)) {
      scrollToBottom();
    } else {
      state.unseenBelow++;
      $("jump-text").textContent = t("chat.newMessages", { n: state.unseenBelow });
      $("jump").classList.remove("d-none");
    }
    if (document.hidden && !isMine(m.nome_usuario)) {
      state.unread++;
      updateTitle();
    }
  }

  function updateTitle() {
    const base = (state.roomName || "WebTalk") + " · WebTalk";
    document.title = state.unread > 0 ? "(" + state.unread + ") " + base : base;
  }

  function systemLine(text) {
    const stick = nearBottom();
    $("messages").insertBefore(el("div", { className: "system small text-center text-body-secondary my-1" }, text),
      $("messages").querySelector("article.pending"));
    if (stick) scrollToBottom();
  }

  function renderMembers() {
    const items = [...state.members].sort((a, b) => a.localeCompare(b)).map((name) => {
      const item = el("li", { className: "member text-break" },
        el("i", { className: "bi bi-circle-fill text-success me-1 small", "aria-hidden": "true" }), name,
        isMine(name) ? el("span", { className: "text-body-secondary" }, " (" + t("chat.me") + ")") : null);
      if (owner) owner.decorateMember(item, name, isMine(name));
      return item;
    });
    $("members").replaceChildren(...items);
    $("online-count").textContent = String(state.members.size);
  }

  function renderTyping() {
    const names = [...state.typing.keys()];
    $("typing").textContent = names.length ? t(names.length > 1 ? "chat.typingMany" : "chat.typing", { name: names.join(", ") }) : "";
  }

  function updateCounter() {
    const length = [...$("message-input").value.trim()].length;
    const counter = $("counter");
    counter.textContent = t("chat.counter", { n: length, max: state.maxLength });
    counter.classList.toggle("text-danger", length > state.maxLength);
    counter.classList.toggle("fw-semibold", length > state.maxLength);
    $("send").disabled = state.over || length === 0 || length > state.maxLength;
  }

  /**
   * The room is gone for us (deleted, closed, banned, removed): say so, then go back to the lobby.
   * {@code statusKey} names the badge: "chat.closed" only when the room itself ended.
   */
  function endOfRoom(message, backToLobby, statusKey) {
    state.over = true;
    state.joined = false;
    $("message-input").disabled = true;
    updateCounter();
    setStatus(statusKey || "chat.closed", "secondary");
    // We no longer see who is here: an empty list, not a stale one.
    state.members.clear();
    renderMembers();
    sessionStorage.removeItem("webtalk.token." + roomId);
    sessionStorage.removeItem("webtalk.key." + roomId);
    const box = showAlert($("chat-alert"), message, "warning");
    const back = el("a", { className: "btn btn-sm btn-primary ms-2", href: "/" }, t("chat.backNow"));
    if (!backToLobby) {
      box.append(" ", back);
      return;
    }
    leaveNotice(message);
    let left = BACK_TO_LOBBY_S;
    const countdown = el("span", { className: "countdown ms-1" }, t("chat.returning", { n: left }));
    box.append(" ", countdown, back);
    back.focus();
    const timer = setInterval(() => {
      left--;
      countdown.textContent = t("chat.returning", { n: left });
      if (left <= 0) {
        clearInterval(timer);
        window.location.href = "/";
      }
    }, 1000);
  }

  function join() {
    const payload = { id_sala: roomId, nome_usuario: state.me };
    if (state.token) payload.token = state.token;
    if (state.lastId > 0) payload.ultimo_id = state.lastId;
    if (state.reclaimKey) payload.chave_sessao = state.reclaimKey;
    if (owner) Object.assign(payload, owner.joinFields());
    state.socket.emit("entrar", payload, (answer) => {
      if (!answer || !answer.ok) {
        onRefusal(answer || {});
        return;
      }
      state.joined = true;
      state.reclaimKey = answer.chave_sessao;
      if (answer.chave_sessao) sessionStorage.setItem("webtalk.key." + roomId, answer.chave_sessao);
      state.members = new Set(answer.usuarios);
      if (owner) owner.joined(answer);
      renderMembers();
      setStatus("chat.connected", "success");
      $("chat-alert").replaceChildren();
      // Features in their own files (polls.js) take the room from here: the socket, who I am, the ack.
      document.dispatchEvent(new CustomEvent("webtalk:joined", { detail: { socket: state.socket, roomId, me: state.me, answer } }));
      if (answer.mais_historico) catchUpRest();
      flushOutbox();
      // Ready to talk: put the cursor in the composer (not on touch screens, where it opens the keyboard).
      if (!window.matchMedia("(pointer: coarse)").matches && document.activeElement === document.body) $("message-input").focus();
    });
  }

  function onRefusal(answer) {
    if (answer.codigo === "chave_invalida" && owner) {
      owner.keyRefused();
      join(); // as a member, without the key
      return;
    }
    if (answer.codigo === "token_invalido") {
      sessionStorage.removeItem("webtalk.token." + roomId);
      window.location.href = "/?sala=" + encodeURIComponent(roomId);
      return;
    }
    if (answer.codigo === "nome_em_uso" || answer.codigo === "nome_invalido") {
      askNickname(WebTalkI18n.server(answer));
      return;
    }
    if (["sala_inexistente", "sala_inativa", "banido", "sala_cheia"].includes(answer.codigo)) {
      const roomEnded = answer.codigo === "sala_inexistente" || answer.codigo === "sala_inativa";
      endOfRoom(WebTalkI18n.server(answer), false, roomEnded ? "chat.closed" : "chat.outOfRoom");
      if (state.socket) state.socket.close();
      return;
    }
    showAlert($("chat-alert"), WebTalkI18n.server(answer), "danger", true);
  }

  /** More missed messages than one replay holds: page the rest through REST. */
  async function catchUpRest() {
    let more = true;
    while (more) {
      const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId) + "/mensagens?limite=100&depois=" + state.lastId, undefined, authHeader());
      if (!answer.ok) return;
      answer.data.mensagens.forEach((m) => addMessage(Object.assign({}, m, { historico: true })));
      more = answer.data.mais && answer.data.mensagens.length > 0;
    }
  }

  function authHeader() {
    return state.token ? { Authorization: "Bearer " + state.token } : {};
  }

  async function loadOlder() {
    if (state.loadingOlder || !state.moreOlder || state.oldestId === null) return;
    state.loadingOlder = true;
    const box = $("messages");
    const loading = el("div", { className: "system loading small text-center text-body-secondary my-1", role: "status" }, t("chat.older"));
    box.prepend(loading);
    const before = box.scrollHeight;
    const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId) + "/mensagens?limite=50&antes=" + state.oldestId, undefined, authHeader());
    loading.remove();
    if (answer.ok) {
      answer.data.mensagens.forEach((m) => addMessage(Object.assign({}, m, { historico: true })));
      state.moreOlder = answer.data.mais;
      box.scrollTop += box.scrollHeight - before;
      if (!state.moreOlder && !box.querySelector(".start")) {
        box.prepend(el("div", { className: "system start small text-center text-body-secondary my-1" }, t("chat.start")));
      }
    }
    state.loadingOlder = false;
  }

  /**
   * Shows message {@code id} in context (for search results): pages older history until it is on
   * screen (at most {@code MAX_PAGES_BACK} pages), then scrolls to it and marks it a moment.
   * Resolves to false when it could not be shown (too far back, or deleted).
   */
  const MAX_PAGES_BACK = 40;
  async function showMessage(id) {
    const find = () => $("messages").querySelector('article.message[data-id="' + Number(id) + '"]');
    for (let page = 0; !find() && page < MAX_PAGES_BACK && state.moreOlder && state.oldestId !== null && state.oldestId > id; page++) {
      if (state.loadingOlder) await new Promise((resolve) => setTimeout(resolve, 100));
      else await loadOlder();
    }
    const node = find();
    if (!node) return false;
    node.scrollIntoView({ block: "center" });
    node.classList.add("found");
    node.setAttribute("tabindex", "-1");
    node.focus({ preventScroll: true });
    setTimeout(() => node.classList.remove("found"), 4000);
    return true;
  }
  window.WebTalkChat = { roomId, authHeader: () => authHeader(), showMessage, loadOlder, hasOlder: () => state.moreOlder };

  // ---- the outbox ----

  function pendingNode(text) {
    return el("article", { className: "message mine pending" },
      el("header", { className: "small" },
        el("span", { className: "author fw-semibold" }, state.me),
        " ",
        el("span", { className: "sending" }, el("i", { className: "bi bi-clock me-1", "aria-hidden": "true" }), t("chat.sending"))),
      el("div", { className: "text" }, formatted(text)));
  }

  function flushOutbox() {
    for (const [clientId, item] of state.pending) {
      if (!item.inFlight) transmit(clientId);
    }
  }

  function transmit(clientId) {
    const item = state.pending.get(clientId);
    if (!item || !state.joined) return;
    const attempt = ++item.attempt;
    item.inFlight = true;
    const payload = { id_sala: roomId, nome_usuario: state.me, mensagem: item.text, id_cliente: clientId };
    if (item.replyTo) payload.resposta_a = item.replyTo;
    state.socket.timeout(ACK_TIMEOUT_MS).emit("mensagem_chat", payload, (err, answer) => {
      if (item.attempt !== attempt || !state.pending.has(clientId)) return; // superseded or already delivered
      item.inFlight = false;
      if (err) {
        // No answer in time: send it again (same id_cliente, stored once) now if still joined, else on rejoin.
        setTimeout(() => { if (state.joined && state.pending.has(clientId) && !item.inFlight) transmit(clientId); }, RETRY_AFTER_MS);
      } else if (answer && answer.ok) {
        confirm(clientId, answer.id);
      } else {
        refuse(clientId, answer || {});
      }
    });
  }

  function confirm(clientId, id) {
    const item = state.pending.get(clientId);
    state.pending.delete(clientId);
    item.node.remove();
    if (state.ids.has(id)) return; // its broadcast came first
    state.ids.add(id);
    place(messageNode({ id, nome_usuario: state.me, mensagem: item.text, timestamp: new Date().toISOString() }), id);
    if (state.oldestId === null) state.oldestId = id;
    scrollToBottom();
    $("chat-alert").replaceChildren();
  }

  function refuse(clientId, answer) {
    const item = state.pending.get(clientId);
    state.pending.delete(clientId);
    item.node.remove();
    showAlert($("chat-alert"), WebTalkI18n.server(answer) + " " + t("chat.notSent", { text: item.text }), "danger", true);
    const input = $("message-input");
    if (!input.value.trim()) {
      // Nothing typed since: give the text back to edit or resend, selected, so that what is typed
      // next replaces it rather than being glued onto it ("gol 32gol 33", issue #15).
      input.value = item.text;
      if (document.activeElement === input) input.select();
      updateCounter();
      autosize();
    }
  }

  function send() {
    const input = $("message-input");
    const text = input.value.trim();
    if (!text || [...text].length > state.maxLength || state.over) return;
    const clientId = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).slice(0, 64);
    const node = pendingNode(text);
    $("messages").append(node);
    scrollToBottom();
    state.pending.set(clientId, { text, node, attempt: 0, inFlight: false, replyTo: WebTalkMessages.takeReply() });
    transmit(clientId);
    input.value = "";
    updateCounter();
    autosize();
  }

  // ---- connection ----

  function connect() {
    const socket = io();
    state.socket = socket;
    WebTalkMessages.attach(socket);
    socket.on("connect", join);
    if (owner) owner.connected(socket);
    const lost = () => {
      state.joined = false;
      for (const item of state.pending.values()) item.inFlight = false; // resent after the rejoin
      if (!state.over) setStatus("chat.reconnecting", "warning");
    };
    socket.on("disconnect", lost);
    socket.io.on("reconnect_attempt", lost);
    socket.on("mensagem_chat", (m) => { if (m.id_sala === roomId || m.id_sala === undefined) addMessage(m); });
    socket.on("usuario_entrou", (e) => {
      if (e.id_sala && e.id_sala !== roomId) return;
      if (!state.members.has(e.nome_usuario) && !isMine(e.nome_usuario)) systemLine(t("chat.joined", { name: e.nome_usuario }));
      state.members.add(e.nome_usuario);
      renderMembers();
    });
    socket.on("usuario_saiu", (e) => {
      if (e.id_sala && e.id_sala !== roomId) return;
      if (state.members.delete(e.nome_usuario)) systemLine(t("chat.left", { name: e.nome_usuario }));
      clearTimeout(state.typing.get(e.nome_usuario));
      state.typing.delete(e.nome_usuario);
      renderMembers();
      renderTyping();
    });
    socket.on("mensagem_excluida", (e) => {
      // Ids are per room: another room's message may have the same one.
      if (e.id_sala && e.id_sala !== roomId) return;
      const node = $("messages").querySelector('article[data-id="' + Number(e.id) + '"]');
      if (node) WebTalkMessages.deleted(node);
    });
    socket.on("digitando", (e) => {
      if (e.id_sala !== roomId || !e.nome_usuario || isMine(e.nome_usuario)) return;
      clearTimeout(state.typing.get(e.nome_usuario));
      state.typing.set(e.nome_usuario, setTimeout(() => { state.typing.delete(e.nome_usuario); renderTyping(); }, TYPING_SHOWN_FOR_MS));
      renderTyping();
    });
    socket.on("sala_excluida", (e) => {
      if (e.id_sala !== roomId) return;
      endOfRoom(e.motivo && WebTalkI18n.has("closed." + e.motivo) ? t("closed." + e.motivo) : WebTalkI18n.server(e, "chat.closed"), true);
      socket.close();
    });
    socket.on("expulso", (e) => {
      if (e.id_sala !== roomId) return;
      // Kicked or banned (with the ban's end): the room goes on without us, so not "closed".
      endOfRoom(WebTalkI18n.server(e, "chat.removed"), true, "chat.outOfRoom");
      socket.close();
    });
    socket.on("erro", (e) => {
      // Cluster: this connection's node stalled and its name went to someone else; the server took
      // it out of the room. Enter again (without the old chave_sessao, which must not take the name
      // back from another live tab of ours); a name in use is then asked for as usual.
      if (e.codigo === "presenca_perdida" && e.id_sala === roomId) {
        state.joined = false;
        state.reclaimKey = null;
        join();
        return;
      }
      // Refusals of entrar and mensagem_chat are handled from their acks.
      if (["token_invalido", "chave_invalida", "nome_em_uso", "nome_invalido", "sala_inexistente", "sala_inativa", "banido", "sala_cheia"].includes(e.codigo)) return;
      if (state.pending.size > 0 && ["mensagem_vazia", "mensagem_longa", "limite_mensagens", "fora_da_sala", "nome_divergente"].includes(e.codigo)) return;
      showAlert($("chat-alert"), WebTalkI18n.server(e), "danger", true);
    });
    // An admin changed the settings: a new maximum length applies to this open room at once.
    socket.on("limites_atualizados", (limits) => {
      if (typeof limits.tamanho_maximo_mensagem === "number") state.maxLength = limits.tamanho_maximo_mensagem;
      if (typeof limits.janela_edicao_minutos === "number") WebTalkMessages.setWindow(limits.janela_edicao_minutos);
      updateCounter();
    });
  }

  function autosize() {
    const input = $("message-input");
    input.style.height = "auto";
    if (input.value) input.style.height = Math.min(input.scrollHeight + 2, 160) + "px";
  }

  function askNickname(reason) {
    $("nick-input").value = state.me;
    if (reason) showAlert($("nick-alert"), reason); else $("nick-alert").replaceChildren();
    dialog("nick-modal").show();
  }

  async function copyLink() {
    const link = window.location.origin + "/chat/" + encodeURIComponent(roomId);
    try {
      await navigator.clipboard.writeText(link);
      showAlert($("chat-alert"), t("chat.copied", { link }), "success", true);
    } catch (e) {
      showAlert($("chat-alert"), t("chat.copyManually", { link }), "info", true);
    }
  }

  function leave() {
    const go = () => { window.location.href = "/"; };
    sessionStorage.removeItem("webtalk.key." + roomId);
    if (state.socket && state.socket.connected && state.joined) {
      state.socket.timeout(1500).emit("sair", { id_sala: roomId, nome_usuario: state.me }, go);
    } else {
      go();
    }
  }

  async function start() {
    const room = await api("GET", "/api/salas/" + encodeURIComponent(roomId));
    if (!room.ok) {
      endOfRoom(WebTalkI18n.server(room.data), false);
      return;
    }
    state.roomName = room.data.nome;
    $("room-name").textContent = room.data.nome;
    $("room-code").textContent = room.data.id;
    updateTitle();
    $("room-lock").classList.toggle("d-none", !room.data.tem_senha);
    if (room.data.tem_senha && !state.token) {
      window.location.href = "/?sala=" + encodeURIComponent(roomId);
      return;
    }
    const limits = await api("GET", "/api/limites");
    if (limits.ok) state.maxLength = limits.data.tamanho_maximo_mensagem;
    if (limits.ok) WebTalkMessages.setWindow(limits.data.janela_edicao_minutos);
    updateCounter();
    if (!validNickname(state.me)) {
      // A name kept from before the limit (or typed elsewhere) is not silently refused: say why.
      askNickname(state.me ? t("nick.tooLongStored", { name: state.me, n: [...state.me].length }) : null);
      return;
    }
    connect();
  }

  document.addEventListener("DOMContentLoaded", () => {
    WebTalkMessages.init({ roomId, me: () => state.me, socket: () => state.socket, key: () => state.reclaimKey, alertBox: $("chat-alert") });
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
      if (state.joined && input.value.trim() && now - state.lastTypingSent > TYPING_SENT_EVERY_MS) {
        state.lastTypingSent = now;
        state.socket.emit("digitando", { id_sala: roomId });
      }
    });
    $("composer").addEventListener("submit", (event) => { event.preventDefault(); send(); });
    // Older pages are fetched when I scroll up (js/conversation.js), not on every scroll near the top:
    // the page's own scroll to the newest message lands there too while a short history arrives.
    $("messages").addEventListener("scroll", () => {
      if (nearBottom()) {
        state.unseenBelow = 0;
        $("jump").classList.add("d-none");
      }
    });
    $("jump").addEventListener("click", () => { scrollToBottom(); input.focus(); });
    $("leave").addEventListener("click", leave);
    $("copy-link").addEventListener("click", copyLink);
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && state.unread) {
        state.unread = 0;
        updateTitle();
      }
    });
    $("nick-modal").addEventListener("shown.bs.modal", () => $("nick-input").select());
    $("nick-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $("nick-input").value;
      if (!validNickname(value)) {
        showAlert($("nick-alert"), t("nick.required"));
        return;
      }
      setNickname(value);
      state.me = value.trim();
      dialog("nick-modal").hide();
      if (state.socket) join(); else connect();
    });
    document.addEventListener("webtalk:language", () => { updateCounter(); renderTyping(); renderMembers(); });
    // On a phone the member list starts folded so the conversation gets the screen.
    if (window.matchMedia("(max-width: 767.98px)").matches) $("members-box").open = false;
    start();
  });
})();
