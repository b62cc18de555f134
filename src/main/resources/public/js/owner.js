// Room owners and moderators (issue #14): the key from the owner's or a moderator's link (kept in
// localStorage per room, the link's fragment cleared), the role entrar answers, and the controls an
// owner or moderator gets: edit topic, pin/unpin and delete on a message, kick/ban on a member,
// slow mode, who opens polls, close, export, the owner and moderator links. Everyone sees the pins
// and slow mode.
// chat.js calls the hooks of window.WebTalkOwner; nothing here is innerHTML.
(function () {
  "use strict";
  const { api, el, showAlert } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const roomId = decodeURIComponent(window.location.pathname.split("/").pop());
  const STORE = "webtalk.owner." + roomId;
  const NEW_ROOM = "webtalk.ownerNew." + roomId;
  const SLOW_CHOICES = [0, 5, 10, 30, 60, 300];
  const BAN_CHOICES = [10, 60, 1440, 10080];
  const state = { role: "membro", socket: null, pins: [], slow: 0, pollsModeratorsOnly: false, notice: null };

  // The key arrives in the link's fragment (never sent to a server): keep it, then take it out of the address bar.
  const fromLink = window.location.hash.match(/^#(dono|moderacao)=([A-Za-z0-9_-]{1,128})$/);
  if (fromLink) {
    localStorage.setItem(STORE, JSON.stringify({ campo: fromLink[1] === "dono" ? "chave_dono" : "chave_moderacao", chave: fromLink[2] }));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  function stored() {
    try {
      const value = JSON.parse(localStorage.getItem(STORE));
      return value && typeof value.chave === "string" ? value : null;
    } catch (e) {
      return null;
    }
  }

  function moderates() {
    return state.role === "dono" || state.role === "moderador";
  }

  function say(message, kind) {
    showAlert($("chat-alert"), message, kind || "danger", true);
  }

  /** An owner event with its ack: refusals are shown, success runs {@code done}. */
  function emit(event, fields, done) {
    if (!state.socket) return;
    state.socket.timeout(10000).emit(event, Object.assign({ id_sala: roomId }, fields), (err, answer) => {
      if (err || !answer) {
        say(t("error.network"));
      } else if (!answer.ok) {
        say(WebTalkI18n.server(answer));
      } else if (done) {
        done(answer);
      }
    });
  }

  function keyHeader() {
    const key = stored();
    return key ? { "X-Chave-Sala": key.chave } : {};
  }

  async function copy(text, shown) {
    try {
      await navigator.clipboard.writeText(text);
      say(t("owner.copied", { link: shown || text }), "success");
    } catch (e) {
      say(t("owner.copyManually", { link: shown || text }), "info");
    }
  }

  function absolute(link) {
    return window.location.origin + link;
  }

  // ---- pins (everyone sees them) ----

  function pinText(pin) {
    if (pin.mensagem !== undefined) return pin.nome_usuario + ": " + pin.mensagem;
    const node = $("messages").querySelector('article[data-id="' + Number(pin.id) + '"]');
    return node ? node.querySelector(".author").textContent + ": " + node.querySelector(".text").textContent : "#" + pin.id;
  }

  function renderPins() {
    let bar = $("pinned");
    if (!bar) {
      bar = el("section", { id: "pinned", className: "pinned border-bottom small px-2 py-1", "aria-labelledby": "pinned-title" });
      const wrap = document.querySelector(".messages-wrap");
      wrap.parentNode.insertBefore(bar, wrap);
    }
    bar.classList.toggle("d-none", state.pins.length === 0);
    const items = state.pins.map((pin) => el("li", { className: "pin d-flex align-items-center gap-1", dataset: { id: String(pin.id) } },
      el("i", { className: "bi bi-pin-angle-fill text-warning", "aria-hidden": "true" }),
      el("button", { type: "button", className: "btn btn-link btn-sm p-0 text-truncate text-start pin-jump", title: t("owner.jump") }, pinText(pin)),
      moderates() ? el("button", { type: "button", className: "btn btn-sm btn-outline-secondary py-0 ms-auto unpin", dataset: { id: String(pin.id) } },
        t("owner.unpin")) : null));
    bar.replaceChildren(el("h2", { id: "pinned-title", className: "h6 mb-1" }, t("owner.pinned")),
      el("ul", { className: "list-unstyled mb-0" }, items));
  }

  async function refreshPins() {
    const room = await api("GET", "/api/salas/" + encodeURIComponent(roomId));
    if (room.ok) {
      state.pins = room.data.fixadas || [];
      renderPins();
      markPinned();
    }
  }

  function markPinned() {
    const pinned = new Set(state.pins.map((p) => String(p.id)));
    document.querySelectorAll("#messages article.message[data-id]").forEach((node) => {
      node.classList.toggle("is-pinned", pinned.has(node.dataset.id));
      const button = node.querySelector("button.pin-toggle");
      if (button) button.textContent = pinned.has(node.dataset.id) ? t("owner.unpin") : t("owner.pin");
    });
  }

  // ---- slow mode notice (everyone) ----

  function renderSlowMode() {
    let notice = $("slow-notice");
    if (!notice) {
      notice = el("div", { id: "slow-notice", className: "small text-body-secondary px-2", role: "status" });
      $("composer").parentNode.insertBefore(notice, $("composer"));
    }
    notice.textContent = state.slow > 0 ? t("owner.slowOn", { n: state.slow }) : "";
    const select = $("owner-slow");
    if (select) select.value = String(state.slow);
  }

  // ---- the panel (owner and moderators) ----

  function option(value, label) {
    return el("option", { value: String(value) }, label);
  }

  function renderPanel() {
    const old = $("owner-panel");
    if (old) old.remove();
    if (!moderates()) return;
    const owner = state.role === "dono";
    const panel = el("details", { id: "owner-panel", className: "p-2 border-top", open: true },
      el("summary", { className: "fw-semibold" }, t("owner.panel"), " ",
        el("span", { id: "owner-role", className: "badge text-bg-warning" }, t(owner ? "owner.roleOwner" : "owner.roleModerator"))),
      el("form", { id: "owner-topic", className: "mt-2" },
        el("label", { className: "form-label small mb-0", for: "owner-name" }, t("owner.name")),
        el("input", { id: "owner-name", className: "form-control form-control-sm", maxlength: "50" }),
        el("label", { className: "form-label small mb-0 mt-1", for: "owner-description" }, t("owner.description")),
        el("input", { id: "owner-description", className: "form-control form-control-sm", maxlength: "200" }),
        el("button", { type: "submit", className: "btn btn-sm btn-outline-primary mt-1" }, t("owner.saveTopic"))),
      el("label", { className: "form-label small mb-0 mt-2", for: "owner-slow" }, t("owner.slowMode")),
      el("div", { className: "d-flex gap-1" },
        el("select", { id: "owner-slow", className: "form-select form-select-sm" },
          SLOW_CHOICES.map((s) => option(s, s === 0 ? t("owner.slowOff") : t("owner.seconds", { n: s })))),
        el("button", { type: "button", id: "owner-slow-apply", className: "btn btn-sm btn-outline-primary" }, t("owner.apply"))),
      el("div", { className: "form-check form-switch mt-2" },
        el("input", { id: "owner-polls-moderators", className: "form-check-input", type: "checkbox", role: "switch" }),
        el("label", { className: "form-check-label small", for: "owner-polls-moderators" }, t("owner.pollsModeratorsOnly"))),
      el("label", { className: "form-label small mb-0 mt-2", for: "owner-ban-minutes" }, t("owner.banFor")),
      el("select", { id: "owner-ban-minutes", className: "form-select form-select-sm" },
        BAN_CHOICES.map((m) => option(m, t("owner.minutes", { n: m })))),
      el("div", { className: "d-grid gap-1 mt-2" },
        owner ? el("button", { type: "button", id: "owner-copy-link", className: "btn btn-sm btn-outline-secondary" }, t("owner.copyOwnerLink")) : null,
        owner ? el("button", { type: "button", id: "owner-moderator-link", className: "btn btn-sm btn-outline-secondary" }, t("owner.moderatorLink")) : null,
        el("button", { type: "button", id: "owner-export", className: "btn btn-sm btn-outline-secondary" }, t("owner.export")),
        el("button", { type: "button", id: "owner-close", className: "btn btn-sm btn-outline-danger" }, t("owner.closeRoom"))));
    document.querySelector(".members-pane").append(panel);
    $("owner-name").value = $("room-name").textContent;
    $("owner-topic").addEventListener("submit", (event) => {
      event.preventDefault();
      emit("editar_sala", { nome: $("owner-name").value, descricao: $("owner-description").value },
        () => say(t("owner.topicSaved"), "success"));
    });
    $("owner-slow-apply").addEventListener("click", () => emit("modo_lento", { segundos: Number($("owner-slow").value) }));
    $("owner-polls-moderators").checked = state.pollsModeratorsOnly;
    $("owner-polls-moderators").addEventListener("change", (event) => {
      const wanted = event.target.checked;
      // Shown as stored until the server says so (its ack, or enquetes_configuradas for everyone).
      event.target.checked = state.pollsModeratorsOnly;
      emit("configurar_enquetes", { somente_moderadores: wanted }, (answer) => {
        state.pollsModeratorsOnly = answer.somente_moderadores === true;
        if ($("owner-polls-moderators")) $("owner-polls-moderators").checked = state.pollsModeratorsOnly;
      });
    });
    if (owner) {
      $("owner-copy-link").addEventListener("click", () => {
        const key = stored();
        if (key) copy(absolute("/chat/" + encodeURIComponent(roomId) + "#dono=" + key.chave));
      });
      $("owner-moderator-link").addEventListener("click", () => {
        if (!window.confirm(t("owner.moderatorLinkConfirm"))) return;
        emit("gerar_link_moderacao", {}, (answer) => copy(absolute(answer.link_moderacao)));
      });
    }
    $("owner-export").addEventListener("click", exportTranscript);
    $("owner-close").addEventListener("click", () => {
      if (window.confirm(t("owner.closeConfirm"))) emit("encerrar_sala", {});
    });
    renderSlowMode();
  }

  async function exportTranscript() {
    try {
      const response = await fetch("/api/salas/" + encodeURIComponent(roomId) + "/exportar?formato=texto", { headers: keyHeader() });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        say(WebTalkI18n.server(body));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = el("a", { href: url, download: "sala-" + roomId + ".txt", className: "d-none" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      say(t("error.network"));
    }
  }

  // ---- the hooks chat.js calls ----

  window.WebTalkOwner = {
    /** Fields for entrar: the room's key, if this browser holds one. */
    joinFields() {
      const key = stored();
      return key ? { [key.campo]: key.chave } : {};
    },

    /** entrar refused the key (rotated or wrong): forget it; chat.js joins again as a member. */
    keyRefused() {
      localStorage.removeItem(STORE);
      state.notice = [t("owner.keyRefused"), "warning"];
    },

    connected(socket) {
      state.socket = socket;
      socket.on("mensagem_fixada", (e) => { if (e.id_sala === roomId) refreshPins(); });
      socket.on("mensagem_excluida", (e) => {
        if (e.id_sala !== roomId) return;
        state.pins = state.pins.filter((p) => Number(p.id) !== Number(e.id));
        renderPins();
      });
      socket.on("modo_lento_alterado", (e) => {
        if (e.id_sala !== roomId) return;
        state.slow = e.segundos;
        renderSlowMode();
      });
      socket.on("enquetes_configuradas", (e) => {
        if (e.id_sala !== roomId) return;
        state.pollsModeratorsOnly = e.somente_moderadores === true;
        if ($("owner-polls-moderators")) $("owner-polls-moderators").checked = state.pollsModeratorsOnly;
      });
      socket.on("sala_atualizada", (e) => {
        if (e.id_sala !== roomId) return;
        $("room-name").textContent = e.nome;
        document.title = e.nome + " · WebTalk";
        if ($("owner-name") && document.activeElement !== $("owner-name")) $("owner-name").value = e.nome;
        say(t("owner.topicChanged", { name: e.nome, description: e.descricao }), "info");
      });
    },

    /** entrar's ack: the role, the pins, the slow mode. Called before the member list is drawn. */
    joined(answer) {
      state.role = answer.papel || "membro";
      state.pins = answer.fixadas || [];
      state.slow = answer.modo_lento_segundos || 0;
      state.pollsModeratorsOnly = answer.enquetes_somente_moderadores === true;
      renderPanel();
      renderPins();
      renderSlowMode();
      document.querySelectorAll("#messages article.message[data-id]").forEach((node) => this.decorateMessage(node));
      markPinned();
      if (state.role === "dono" && sessionStorage.getItem(NEW_ROOM)) {
        sessionStorage.removeItem(NEW_ROOM);
        const key = stored();
        if (key) state.notice = [t("owner.keepLink", { link: absolute("/chat/" + encodeURIComponent(roomId) + "#dono=" + key.chave) }), "info"];
      }
      // After chat.js has finished with the ack (it clears the alert area on a successful join).
      const notice = state.notice;
      state.notice = null;
      if (notice) setTimeout(() => say(notice[0], notice[1]), 0);
    },

    /** Pin/unpin and delete on a message, for an owner or moderator. */
    decorateMessage(node) {
      if (!moderates() || !node.dataset.id || node.querySelector(".owner-tools")) return;
      const id = Number(node.dataset.id);
      const pinned = state.pins.some((p) => Number(p.id) === id);
      node.querySelector("header").append(el("span", { className: "owner-tools ms-2" },
        el("button", { type: "button", className: "btn btn-link btn-sm p-0 me-2 pin-toggle", dataset: { id: String(id) } },
          pinned ? t("owner.unpin") : t("owner.pin")),
        el("button", { type: "button", className: "btn btn-link btn-sm p-0 text-danger delete-message", dataset: { id: String(id) } },
          t("owner.delete"))));
    },

    /** Kick and ban on a member (not on oneself), for an owner or moderator. */
    decorateMember(item, name, mine) {
      if (!moderates() || mine) return;
      item.append(el("span", { className: "owner-tools ms-1" },
        el("button", { type: "button", className: "btn btn-link btn-sm p-0 me-1 kick", dataset: { name } }, t("owner.kick")),
        el("button", { type: "button", className: "btn btn-link btn-sm p-0 text-danger ban", dataset: { name } }, t("owner.ban"))));
    },
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("pin-toggle")) {
      const id = Number(button.dataset.id);
      const pinned = state.pins.some((p) => Number(p.id) === id);
      emit(pinned ? "desafixar_mensagem" : "fixar_mensagem", { id });
    } else if (button.classList.contains("unpin")) {
      emit("desafixar_mensagem", { id: Number(button.dataset.id) });
    } else if (button.classList.contains("delete-message")) {
      if (window.confirm(t("owner.deleteConfirm"))) emit("excluir_mensagem", { id: Number(button.dataset.id) });
    } else if (button.classList.contains("kick")) {
      emit("expulsar", { nome_usuario: button.dataset.name }, () => say(t("owner.kicked", { name: button.dataset.name }), "success"));
    } else if (button.classList.contains("ban")) {
      const minutes = Number(($("owner-ban-minutes") || {}).value || 60);
      emit("banir", { nome_usuario: button.dataset.name, minutos: minutes },
        () => say(t("owner.banned", { name: button.dataset.name, n: minutes }), "success"));
    } else if (button.classList.contains("pin-jump")) {
      const node = $("messages").querySelector('article[data-id="' + Number(button.closest("li").dataset.id) + '"]');
      if (node) node.scrollIntoView({ block: "center" });
    }
  });

  document.addEventListener("webtalk:language", () => { renderPanel(); renderPins(); renderSlowMode(); markPinned(); });
})();
