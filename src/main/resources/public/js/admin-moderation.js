// The admin panel's "Moderar" view of one room (a dialog): members online on every node with Kick
// and Ban (minutes, hours or days; optionally their address too) and the end of a ban that covers
// them; recent messages, paged back, each with Delete; bans in force with Lift. Also the audit
// log's entries in plain words (by their `acao` code, with the room's name). admin.js calls init()
// with its CSRF-carrying request function, open() from a room row and auditText() for the log.
(function () {
  "use strict";
  const { el, showAlert, poll, dialog } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const PAGE = 30;
  const MAX_BAN_MINUTES = 365 * 24 * 60;
  const REFRESH_MS = 4000;


  let request = null;
  let told = null;
  let room = null;        // { id, name } of the room shown, or null when the dialog is closed
  let oldestShown = null; // id of the oldest message listed, to page back from
  let banTarget = null;   // the member the ban form is for
  let stopPolling = null;
  let shownPeople = "";   // what the lists show now: unchanged lists are not redrawn (a focused button keeps focus)

  function path(suffix) {
    return "/api/admin/salas/" + encodeURIComponent(room.id) + suffix;
  }

  function when(iso) {
    return new Date(iso).toLocaleString(WebTalkI18n.language(), { dateStyle: "short", timeStyle: "short" });
  }

  /** An answer to an action: a lost session goes back to admin.js; otherwise what happened, in the dialog. */
  function answered(answer, doneKey, vars) {
    if (answer.status === 401 || answer.data.codigo === "csrf_invalido") {
      dialog("moderation-modal").hide();
      told(answer);
      return false;
    }
    showAlert($("moderation-alert"), WebTalkI18n.outcome(answer, doneKey, vars), answer.ok ? "success" : "danger", true);
    return answer.ok;
  }

  function memberItem(member) {
    const name = member.nome_usuario;
    return el("li", { className: "list-group-item d-flex flex-wrap align-items-center gap-2 px-0 member", dataset: { name } },
      el("span", { className: "fw-semibold text-break me-auto member-name" }, name),
      member.banido_ate ? el("span", { className: "badge text-bg-warning banned-until" }, t("mod.bannedUntil", { when: when(member.banido_ate) })) : null,
      el("button", { type: "button", className: "btn btn-sm btn-outline-secondary kick", dataset: { name }, "aria-label": t("mod.kickNamed", { name }) },
        el("i", { className: "bi bi-box-arrow-right", "aria-hidden": "true" }), " " + t("mod.kick")),
      el("button", { type: "button", className: "btn btn-sm btn-outline-danger ban", dataset: { name, address: member.endereco || "" },
        "aria-label": t("mod.banNamed", { name }) },
        el("i", { className: "bi bi-slash-circle", "aria-hidden": "true" }), " " + t("mod.ban")));
  }

  function banItem(ban) {
    const label = t(ban.tipo === "endereco" ? "mod.banAddressItem" : "mod.banName", { value: ban.valor });
    return el("li", { className: "list-group-item d-flex flex-wrap align-items-center gap-2 px-0 ban-item", dataset: { ban: String(ban.id) } },
      el("span", { className: "text-break me-auto" }, label, " ", el("span", { className: "small text-body-secondary ban-end" }, t("mod.until", { when: when(ban.ate) }))),
      el("button", { type: "button", className: "btn btn-sm btn-outline-primary lift", dataset: { ban: String(ban.id) },
        "aria-label": t("mod.liftNamed", { value: ban.valor }) },
        el("i", { className: "bi bi-unlock", "aria-hidden": "true" }), " " + t("mod.lift")));
  }

  function messageItem(m) {
    return el("li", { className: "list-group-item d-flex gap-2 px-0 mod-message", dataset: { id: String(m.id) } },
      el("div", { className: "flex-grow-1 text-break" },
        el("div", { className: "small" }, el("span", { className: "fw-semibold" }, m.nome_usuario), " ",
          el("span", { className: "text-body-secondary" }, m.horario)),
        el("div", { className: "mod-text" }, m.mensagem)),
      el("div", {}, el("button", { type: "button", className: "btn btn-sm btn-outline-danger delete-message", dataset: { id: String(m.id) },
        "aria-label": t("mod.deleteMessageNamed", { name: m.nome_usuario, time: m.horario }) },
        el("i", { className: "bi bi-trash", "aria-hidden": "true" }), el("span", { className: "d-none d-md-inline" }, " " + t("mod.deleteMessage")))));
  }

  async function loadPeople() {
    if (!room) return;
    const [members, bans] = await Promise.all([request("GET", path("/membros")), request("GET", path("/banimentos"))]);
    if (!room) return;
    const seen = JSON.stringify([members.data, bans.data, WebTalkI18n.language()]);
    if (members.ok && bans.ok && seen === shownPeople) return;
    shownPeople = members.ok && bans.ok ? seen : "";
    if (members.ok) {
      $("mod-members").replaceChildren(...members.data.membros.map(memberItem));
      $("mod-members-empty").classList.toggle("d-none", members.data.membros.length > 0);
    } else if (members.status === 401 || members.status === 404) {
      answered(members);
    }
    if (bans.ok) {
      $("mod-bans").replaceChildren(...bans.data.banimentos.map(banItem));
      $("mod-bans-empty").classList.toggle("d-none", bans.data.banimentos.length > 0);
    }
  }

  async function loadMessages(older) {
    const query = "?limite=" + PAGE + (older && oldestShown !== null ? "&antes=" + oldestShown : "");
    const answer = await request("GET", path("/mensagens" + query));
    if (!answer.ok || !room) return;
    const items = answer.data.mensagens.map(messageItem);
    if (older) $("mod-messages").prepend(...items);
    else $("mod-messages").replaceChildren(...items);
    if (answer.data.mensagens.length > 0) oldestShown = answer.data.mensagens[0].id;
    $("mod-older").classList.toggle("d-none", !answer.data.mais);
    $("mod-messages-empty").classList.toggle("d-none", $("mod-messages").children.length > 0);
  }

  function open(id, name) {
    room = { id, name };
    oldestShown = null;
    shownPeople = "";
    hideBanForm();
    $("moderation-room").textContent = name;
    $("moderation-alert").replaceChildren();
    for (const list of ["mod-members", "mod-bans", "mod-messages"]) $(list).replaceChildren();
    dialog("moderation-modal").show();
    loadMessages(false);
    if (stopPolling) stopPolling();
    stopPolling = poll(loadPeople, REFRESH_MS);
  }

  function closed() {
    room = null;
    if (stopPolling) stopPolling();
    stopPolling = null;
  }

  function showBanForm(name, address) {
    banTarget = name;
    $("ban-who").textContent = t("mod.banWho", { name });
    $("ban-address-label").textContent = t("mod.banAddress", { address: address || "?" });
    $("ban-address").checked = false;
    $("ban-amount").value = "1";
    $("ban-unit").value = "60";
    $("ban-form").classList.remove("was-validated");
    $("ban-form").classList.remove("d-none");
    $("ban-amount").focus();
  }

  function hideBanForm() {
    banTarget = null;
    $("ban-form").classList.add("d-none");
  }

  async function ban(event) {
    event.preventDefault();
    const amount = $("ban-amount");
    const minutes = Number(amount.value) * Number($("ban-unit").value);
    amount.setCustomValidity(Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_BAN_MINUTES ? "" : t("mod.banTooLong"));
    if (!amount.checkValidity()) {
      $("ban-form").classList.add("was-validated");
      amount.focus();
      return;
    }
    const answer = await request("POST", path("/banir"), { nome_usuario: banTarget, minutos: minutes, banir_endereco: $("ban-address").checked });
    if (answered(answer, "done.banned", { name: banTarget, minutes })) {
      hideBanForm();
      loadPeople();
    }
  }

  async function kick(name) {
    if (answered(await request("POST", path("/expulsar"), { nome_usuario: name }), "done.kicked", { name })) loadPeople();
  }

  async function lift(id) {
    if (answered(await request("DELETE", path("/banimentos/" + encodeURIComponent(id))), "done.banLifted")) loadPeople();
  }

  async function deleteMessage(id) {
    const answer = await request("DELETE", path("/mensagens/" + encodeURIComponent(id)));
    if (answered(answer, "done.messageDeleted")) {
      const item = $("mod-messages").querySelector(".mod-message[data-id='" + CSS.escape(id) + "']");
      if (item) item.remove();
      $("mod-messages-empty").classList.toggle("d-none", $("mod-messages").children.length > 0);
    }
  }

  /** One audit entry in plain words, in the page's language: by its code, with the room's name (its code once deleted). */
  function auditText(entry) {
    const roomLabel = entry.nome_sala || (entry.id_sala ? t("audit.deletedRoom", { room: entry.id_sala }) : "");
    let key = "audit." + entry.acao;
    const vars = { room: roomLabel, target: entry.alvo || "", action: entry.acao };
    if (entry.acao === "usuario_banido") {
      // detalhe is "<n> min" and ", endereço incluído" when the address was banned too (ModerationRoutes)
      const minutes = /^(\d+) min/.exec(entry.detalhe || "");
      vars.minutes = minutes ? minutes[1] : "?";
      if ((entry.detalhe || "").includes("endereço")) key = "audit.usuario_banido_endereco";
    }
    const text = t(key, vars);
    return text === key ? t("audit.other", vars) + (roomLabel ? " · " + roomLabel : "") : text;
  }

  function init(options) {
    request = options.request;
    told = options.told;
    $("moderation-modal").addEventListener("hidden.bs.modal", closed);
    $("ban-form").addEventListener("submit", ban);
    $("ban-cancel").addEventListener("click", hideBanForm);
    $("mod-older").addEventListener("click", () => loadMessages(true));
    $("mod-members").addEventListener("click", (event) => {
      const kickButton = event.target.closest(".kick");
      const banButton = event.target.closest(".ban");
      if (kickButton) kick(kickButton.dataset.name);
      else if (banButton) showBanForm(banButton.dataset.name, banButton.dataset.address);
    });
    $("mod-bans").addEventListener("click", (event) => {
      const button = event.target.closest(".lift");
      if (button) lift(button.dataset.ban);
    });
    $("mod-messages").addEventListener("click", (event) => {
      const button = event.target.closest(".delete-message");
      if (button) deleteMessage(button.dataset.id);
    });
    document.addEventListener("webtalk:language", () => {
      if (!room) return;
      loadPeople();
      loadMessages(false);
    });
  }

  /** The room row's button that opens the dialog. */
  function button(roomData) {
    return el("button", { type: "button", className: "btn btn-sm btn-outline-primary me-1 moderate-room", dataset: { room: roomData.id, name: roomData.nome },
      "aria-label": t("mod.openNamed", { name: roomData.nome }) },
      el("i", { className: "bi bi-shield-check", "aria-hidden": "true" }), el("span", { className: "d-none d-sm-inline" }, " " + t("mod.open")));
  }

  window.WebTalkAdminModeration = { init, open, button, auditText };
})();
