// Polls in a room (docs/protocol.md, "Enquetes"): the composer's poll button opens a dialog
// (question + 2–6 options) that sends criar_enquete; each poll is a card in the conversation with
// its options as buttons (votar), live bars and counts (enquete_atualizada), my vote marked, and
// a close button for its author (encerrar_enquete). chat.js tells this file when the room is
// joined ("webtalk:joined": the socket, my name, the entrar ack with its enquetes). When the room's
// owner says only owners and moderators open polls (enquetes_somente_moderadores, changed live by
// enquetes_configuradas), a member's poll button is hidden; owners and moderators close any poll.
(function () {
  "use strict";
  const { el, showAlert, dialog } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const MIN_OPTIONS = 2;
  const MAX_OPTIONS = 6;
  const ACK_TIMEOUT_MS = 10000;

  const state = {
    socket: null,
    roomId: null,
    me: "",
    polls: new Map(), // id_enquete -> { poll, mine (option index or null), node }
    moderates: false, // the entrar ack's papel is dono or moderador
    moderatorsOnly: false, // the room's enquetes_somente_moderadores
  };

  const same = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();

  // ---- cards ----

  function render(entry) {
    const poll = entry.poll;
    const total = poll.total_votos || 0;
    const canVote = poll.aberta && entry.mine === null;
    const options = poll.opcoes.map((option, index) => {
      const pct = total ? Math.round((option.votos * 100) / total) : 0;
      const mine = entry.mine === index;
      const bar = el("span", { className: "bar", "aria-hidden": "true" });
      bar.style.width = pct + "%"; // CSSOM, allowed by the CSP (no style attribute in markup)
      const button = el("button", {
        type: "button",
        className: "poll-option btn btn-outline-primary btn-sm w-100 d-flex justify-content-between gap-2" + (mine ? " mine" : ""),
        dataset: { option: String(index) },
        disabled: !canVote,
        "aria-pressed": mine ? "true" : "false",
        "aria-label": canVote ? t("poll.voteFor", { option: option.texto, n: option.votos })
          : t("poll.result", { option: option.texto, n: option.votos, pct }) + (mine ? " (" + t("poll.myVote") + ")" : ""),
      },
      bar,
      el("span", { className: "label text-break" }, mine ? el("i", { className: "bi bi-check-circle-fill me-1", "aria-hidden": "true" }) : null, option.texto),
      el("span", { className: "count text-nowrap" }, option.votos + " · " + pct + "%"));
      button.addEventListener("click", () => vote(poll.id_enquete, index));
      return button;
    });
    const author = same(poll.autor, state.me);
    const closeButton = (author || state.moderates) && poll.aberta
      ? el("button", { type: "button", className: "btn btn-sm btn-link poll-close p-0 ms-auto" }, t("poll.close"))
      : null;
    if (closeButton) closeButton.addEventListener("click", () => closePoll(poll.id_enquete));
    const card = el("article", {
      className: "poll" + (poll.aberta ? "" : " closed"),
      dataset: { poll: String(poll.id_enquete), created: poll.criada_em || "" },
      "aria-labelledby": "poll-q-" + poll.id_enquete,
    },
    el("header", { className: "small text-body-secondary" },
      el("i", { className: "bi bi-bar-chart-fill me-1", "aria-hidden": "true" }), t("poll.by", { name: poll.autor })),
    el("p", { className: "question fw-semibold", id: "poll-q-" + poll.id_enquete }, poll.pergunta),
    el("div", { className: "options d-flex flex-column gap-1", role: "group", "aria-labelledby": "poll-q-" + poll.id_enquete }, options),
    el("footer", { className: "small text-body-secondary d-flex gap-2 align-items-center mt-1" },
      el("span", { className: "total" }, t("poll.votes", { n: total })),
      "·",
      el("span", { className: "state" }, t(poll.aberta ? "poll.open" : "poll.closed")),
      closeButton));
    if (entry.node) {
      entry.node.replaceWith(card);
    } else {
      place(card, poll.criada_em);
    }
    entry.node = card;
  }

  /** In time order among the messages (their <time datetime>), before any pending ones. */
  function place(card, createdAt) {
    const box = $("messages");
    const stick = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const at = Date.parse(createdAt || "") || Date.now();
    const later = [...box.querySelectorAll("article.message[data-id], article.poll")].find((node) => {
      const when = node.classList.contains("poll") ? node.dataset.created : (node.querySelector("time") || {}).dateTime;
      return when && Date.parse(when) > at;
    });
    box.insertBefore(card, later || box.querySelector("article.pending") || null);
    if (stick) box.scrollTop = box.scrollHeight;
  }

  /**
   * Counts only grow while a poll is open and two nodes' updates may cross: the one with more votes
   * wins, and a closed poll stays closed.
   */
  function update(poll, mine) {
    if (!poll || poll.id_sala !== state.roomId) return;
    const entry = state.polls.get(poll.id_enquete);
    if (!entry) {
      const created = { poll, mine: mine === undefined ? null : mine, node: null };
      state.polls.set(poll.id_enquete, created);
      render(created);
      return;
    }
    if (mine !== undefined && mine !== null) entry.mine = mine;
    const newer = !poll.aberta ? true : entry.poll.aberta && poll.total_votos >= entry.poll.total_votos;
    if (newer) entry.poll = poll;
    render(entry);
  }

  /** The poll button: hidden for a member while only owners and moderators open polls. */
  function renderPermission() {
    const button = $("poll-new");
    const allowed = !state.moderatorsOnly || state.moderates;
    button.classList.toggle("d-none", !allowed);
    button.disabled = !allowed;
    if (!allowed) {
      dialog("poll-modal").hide();
    }
  }

  // ---- commands ----

  function request(event, payload, done) {
    state.socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, answer) => {
      if (err || !answer) {
        showAlert($("chat-alert"), t("error.network"), "danger", true);
        return;
      }
      done(answer);
    });
  }

  function vote(id, option) {
    request("votar", { id_sala: state.roomId, id_enquete: id, opcao: option }, (answer) => {
      // A refusal is shown by chat.js from its erro event.
      if (answer.ok) update(answer.enquete, answer.meu_voto);
    });
  }

  function closePoll(id) {
    request("encerrar_enquete", { id_sala: state.roomId, id_enquete: id }, (answer) => {
      if (answer.ok) update(answer.enquete);
    });
  }

  // ---- the dialog ----

  function optionRow(value) {
    const input = el("input", { className: "form-control poll-option-input", maxlength: "80", autocomplete: "off" });
    input.value = value || "";
    const remove = el("button", { type: "button", className: "btn btn-outline-secondary poll-remove-option" },
      el("i", { className: "bi bi-x-lg", "aria-hidden": "true" }));
    remove.addEventListener("click", () => {
      row.remove();
      numberOptions();
    });
    const row = el("div", { className: "input-group" }, input, remove);
    return row;
  }

  /** Labels follow the order; rows past the minimum can be removed; at most MAX_OPTIONS. */
  function numberOptions() {
    const rows = [...$("poll-options").children];
    rows.forEach((row, i) => {
      row.querySelector("input").setAttribute("aria-label", t("poll.option", { n: i + 1 }));
      row.querySelector("input").placeholder = t("poll.option", { n: i + 1 });
      const remove = row.querySelector("button");
      remove.setAttribute("aria-label", t("poll.removeOption", { n: i + 1 }));
      remove.disabled = rows.length <= MIN_OPTIONS;
    });
    $("poll-add-option").disabled = rows.length >= MAX_OPTIONS;
  }

  function resetDialog() {
    $("poll-question").value = "";
    $("poll-alert").replaceChildren();
    $("poll-options").replaceChildren(optionRow(), optionRow());
    numberOptions();
  }

  function submit(event) {
    event.preventDefault();
    const question = $("poll-question").value.trim();
    const options = [...document.querySelectorAll("#poll-options input")].map((i) => i.value.trim()).filter((v) => v);
    if (!question || [...question].length > 200) {
      showAlert($("poll-alert"), t("poll.needQuestion"));
      $("poll-question").focus();
      return;
    }
    if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS || new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
      showAlert($("poll-alert"), t("poll.needOptions"));
      return;
    }
    $("poll-submit").disabled = true;
    request("criar_enquete", { id_sala: state.roomId, pergunta: question, opcoes: options }, (answer) => {
      $("poll-submit").disabled = false;
      if (!answer.ok) {
        showAlert($("poll-alert"), WebTalkI18n.server(answer));
        return;
      }
      update(answer.enquete);
      dialog("poll-modal").hide();
    });
  }

  // ---- wiring ----

  function joined(event) {
    const { socket, roomId, me, answer } = event.detail;
    state.roomId = roomId;
    state.me = me;
    state.moderates = answer.papel === "dono" || answer.papel === "moderador";
    state.moderatorsOnly = answer.enquetes_somente_moderadores === true;
    if (state.socket !== socket) {
      state.socket = socket;
      socket.on("enquete", (poll) => update(poll));
      socket.on("enquete_atualizada", (poll) => update(poll));
      socket.on("enquetes_configuradas", (e) => {
        if (!e || e.id_sala !== state.roomId) return;
        state.moderatorsOnly = e.somente_moderadores === true;
        renderPermission();
      });
    }
    (answer.enquetes || []).forEach((poll) => update(poll, poll.meu_voto));
    state.polls.forEach(render); // the close buttons follow my role
    $("poll-new").disabled = false;
    renderPermission();
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!$("poll-new")) return;
    $("poll-new").addEventListener("click", () => {
      resetDialog();
      dialog("poll-modal").show();
    });
    $("poll-modal").addEventListener("shown.bs.modal", () => $("poll-question").focus());
    $("poll-add-option").addEventListener("click", () => {
      if ($("poll-options").children.length >= MAX_OPTIONS) return;
      const row = optionRow();
      $("poll-options").append(row);
      numberOptions();
      row.querySelector("input").focus();
    });
    $("poll-form").addEventListener("submit", submit);
    document.addEventListener("webtalk:joined", joined);
    document.addEventListener("webtalk:language", () => {
      state.polls.forEach(render);
      if ($("poll-options").children.length) numberOptions();
    });
  });
})();
