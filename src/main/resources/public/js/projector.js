// The projector screen of a room (/sala/{id}/projetar), for a classroom's wall: a big QR code of the
// room's link, the room's code for the lobby's "Acessar por Código", how many people are online and
// the latest messages in large type. It polls the REST API (the room, and its latest messages) every
// 2 s instead of joining over Socket.IO: it never becomes a member, so no nickname of its own shows
// up in the room, and edits, deletions and moderation reach the wall at the next refresh. A
// protected room's messages need its password (a join token, kept for the tab like the room page's).
(function () {
  "use strict";
  const { api, el, poll } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const REFRESH_MS = 2000;
  /** More than a wall shows (the oldest are cut off at the top), few enough to send every 2 s. */
  const SHOWN = 12;
  const roomId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
  const tokenKey = "webtalk.token." + roomId;

  WebTalkI18n.add({
    "pt-BR": {
      "pj.title": "Projetor — {name}",
      "pj.protected": "Protegida",
      "pj.openRoom": "Abrir a sala",
      "pj.fullscreen": "Tela cheia",
      "pj.exitFullscreen": "Sair da tela cheia",
      "pj.join": "Entre pelo celular",
      "pj.qr": "QR code do link da sala: {link}",
      "pj.code": "Código da sala",
      "pj.online": "pessoas online",
      "pj.onlineOne": "pessoa online",
      "pj.latest": "Últimas mensagens",
      "pj.empty": "Nenhuma mensagem ainda. Escaneie o código e diga olá!",
      "pj.passwordNeeded": "Sala protegida: digite a senha para mostrar as mensagens aqui.",
      "pj.show": "Mostrar mensagens",
      "pj.wrongPassword": "Senha incorreta.",
      "pj.tooManyAttempts": "Muitas tentativas: espere um pouco e tente de novo.",
      "pj.notFound": "Sala não encontrada. Confira o endereço.",
      "pj.closed": "Esta sala foi encerrada.",
      "pj.offline": "Sem conexão com o servidor",
    },
    en: {
      "pj.title": "Projector — {name}",
      "pj.protected": "Protected",
      "pj.openRoom": "Open the room",
      "pj.fullscreen": "Full screen",
      "pj.exitFullscreen": "Exit full screen",
      "pj.join": "Join from your phone",
      "pj.qr": "QR code of the room's link: {link}",
      "pj.code": "Room code",
      "pj.online": "people online",
      "pj.onlineOne": "person online",
      "pj.latest": "Latest messages",
      "pj.empty": "No messages yet. Scan the code and say hello!",
      "pj.passwordNeeded": "Protected room: type its password to show the messages here.",
      "pj.show": "Show messages",
      "pj.wrongPassword": "Wrong password.",
      "pj.tooManyAttempts": "Too many attempts: wait a while and try again.",
      "pj.notFound": "Room not found. Check the address.",
      "pj.closed": "This room has been closed.",
      "pj.offline": "No connection to the server",
    },
  });

  const link = window.location.origin + "/chat/" + encodeURIComponent(roomId);
  let room = null;
  let needsPassword = false;
  let busy = false;
  let stop = null;

  function token() {
    return sessionStorage.getItem(tokenKey);
  }

  /** Words that depend on state, redone on a language switch. */
  function describe() {
    document.title = t("pj.title", { name: room ? room.nome : roomId });
    $("pj-qr").alt = t("pj.qr", { link });
    const count = Number($("pj-count").textContent);
    $("pj-count-label").textContent = t(count === 1 ? "pj.onlineOne" : "pj.online");
    const full = Boolean(document.fullscreenElement);
    $("pj-fullscreen").textContent = t(full ? "pj.exitFullscreen" : "pj.fullscreen");
    $("pj-fullscreen").setAttribute("aria-pressed", String(full));
  }

  function status(text) {
    $("pj-status").textContent = text || "";
    $("pj-status").hidden = !text;
  }

  function showRoom(data) {
    room = data;
    $("room-name").textContent = data.nome;
    $("room-name").title = data.nome;
    $("room-lock").hidden = !data.tem_senha;
    $("pj-count").textContent = String(data.contador_usuarios);
    describe();
  }

  /** Stops for good: a room that is gone or closed will not come back to this wall. */
  function end(text) {
    if (stop) stop();
    status(text);
    $("pj-messages").replaceChildren();
    $("pj-password").hidden = true;
    $("pj-empty").hidden = true;
  }

  function askPassword() {
    needsPassword = true;
    sessionStorage.removeItem(tokenKey);
    $("pj-messages").replaceChildren();
    $("pj-empty").hidden = true;
    $("pj-password").hidden = false;
  }

  function messageItem(message) {
    const item = el("article", { className: "pj-message", dataset: { id: String(message.id), text: message.mensagem } },
      el("span", { className: "pj-author" }, message.nome_usuario),
      el("span", { className: "pj-text" }, WebTalkMarkdown.render(message.mensagem)));
    return item;
  }

  /** Keeps items that did not change (a screen reader hears only what is new), redraws edited ones, drops the rest. */
  function showMessages(messages) {
    const list = $("pj-messages");
    const wanted = messages.filter((m) => !m.excluida);
    const kept = new Map([...list.children].map((item) => [item.dataset.id, item]));
    const items = wanted.map((m) => {
      const old = kept.get(String(m.id));
      return old && old.dataset.text === m.mensagem ? old : messageItem(m);
    });
    for (const [id, item] of kept) if (!items.includes(item)) { item.remove(); kept.delete(id); }
    items.forEach((item, i) => { if (list.children[i] !== item) list.insertBefore(item, list.children[i] || null); });
    $("pj-empty").hidden = wanted.length > 0;
  }

  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId));
      if (answer.status === 404) { end(t("pj.notFound")); return; }
      if (!answer.ok) { status(t("pj.offline")); return; }
      if (!answer.data.esta_ativa) { showRoom(answer.data); end(t("pj.closed")); return; }
      status("");
      showRoom(answer.data);
      if (answer.data.tem_senha && !token()) { askPassword(); return; }
      if (needsPassword) return;
      const headers = token() ? { Authorization: "Bearer " + token() } : undefined;
      const page = await api("GET", "/api/salas/" + encodeURIComponent(roomId) + "/mensagens?limite=" + SHOWN, undefined, headers);
      if (page.status === 401 || page.status === 403) { askPassword(); return; }
      if (page.ok) showMessages(page.data.mensagens || []);
    } finally {
      busy = false;
    }
  }

  async function unlock(event) {
    event.preventDefault();
    const input = $("pj-password-input");
    if (!input.value) { input.focus(); return; }
    const answer = await api("POST", "/api/salas/" + encodeURIComponent(roomId) + "/entrar", { senha: input.value });
    if (!answer.ok) {
      const known = { senha_incorreta: "pj.wrongPassword", muitas_tentativas: "pj.tooManyAttempts" }[answer.data.codigo];
      $("pj-password-alert").textContent = known ? t(known) : answer.data.erro;
      input.select();
      return;
    }
    sessionStorage.setItem(tokenKey, answer.data.token);
    input.value = "";
    $("pj-password-alert").textContent = "";
    $("pj-password").hidden = true;
    needsPassword = false;
    refresh();
  }

  function toggleFullscreen() {
    const change = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    if (change && change.catch) change.catch(() => null);  // refused (no user gesture, or not allowed): the page stays as it is
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("pj-room").href = link;
    $("pj-link").textContent = link.replace(/^https?:\/\//, "");
    $("pj-code").textContent = roomId;
    $("pj-qr").src = "/api/salas/" + encodeURIComponent(roomId) + "/qr.svg?origem=" + encodeURIComponent(window.location.origin);
    $("pj-password").addEventListener("submit", unlock);
    $("pj-fullscreen").addEventListener("click", toggleFullscreen);
    document.addEventListener("fullscreenchange", describe);
    document.addEventListener("webtalk:language", describe);
    status("");
    describe();
    stop = poll(refresh, REFRESH_MS);
  });
})();
