// Issue #14 on the room page: edit and delete my own messages (within the admin's window) with an
// "editada" mark, deleted messages shown as deleted, replies (the quote above the message; a click
// jumps to the original and highlights it), messages that mention me highlighted, and reactions
// under each message with a small picker of common emoji (a click toggles mine). chat.js calls
// init, attach, decorate, deleted and takeReply; everything else is here. No innerHTML: user text
// only ever becomes text nodes (linkify).
(function () {
  "use strict";
  const { el, linkify, showAlert } = window.WebTalk;
  // Edited text is shown as new text is (js/markdown.js when loaded, links only otherwise).
  const formatted = window.WebTalkMarkdown ? window.WebTalkMarkdown.render : linkify;
  const t = WebTalkI18n.t;
  const PICKS = ["👍", "❤️", "😂", "🎉", "😮", "😢"];
  const FLASH_MS = 2000;
  const texts = new WeakMap(); // article -> its text as sent (for the edit box)
  let ctx = null;
  let windowMinutes = 15;
  let replyTo = null;

  const key = (name) => String(name || "").normalize("NFKC").toLowerCase().trim();
  const article = (id) => document.querySelector('#messages article.message[data-id="' + Number(id) + '"]');

  function alertError(answer) {
    showAlert(ctx.alertBox, WebTalkI18n.server(answer), "danger", true);
  }

  function ask(event, payload, done) {
    const socket = ctx.socket();
    if (!socket) return;
    socket.timeout(10000).emit(event, Object.assign({ id_sala: ctx.roomId }, payload), (err, answer) => {
      if (err || !answer || !answer.ok) alertError(answer);
      else if (done) done(answer);
    });
  }

  function mine(node) {
    return key(node.dataset.author) === key(ctx.me());
  }

  function windowOpen(node) {
    if (windowMinutes <= 0 || !node.dataset.at) return false;
    return Date.now() - new Date(node.dataset.at).getTime() < windowMinutes * 60000;
  }

  // ---- pieces of a message ----

  function quoteNode(m) {
    const quote = m.citacao || {};
    const excerpt = quote.excluida ? t("msg.quoteDeleted") : (quote.trecho || "");
    return el("button", { type: "button", className: "quote small text-start", dataset: { replyTo: String(m.resposta_a) },
      "aria-label": t("msg.quoteOf", { name: quote.nome_usuario || "?" }) },
      el("i", { className: "bi bi-reply me-1", "aria-hidden": "true" }),
      el("span", { className: "quote-author fw-semibold" }, quote.nome_usuario || "?"), " ",
      el("span", { className: "quote-text" + (quote.excluida ? " fst-italic" : "") }, excerpt));
  }

  function renderReactions(node, counts) {
    let bar = node.querySelector(".reactions");
    const entries = Object.entries(counts || {}).filter(([, n]) => n > 0);
    if (!bar) {
      bar = el("div", { className: "reactions" });
      node.querySelector(".text").after(bar);
    }
    bar.replaceChildren(...entries.map(([emoji, n]) =>
      el("button", { type: "button", className: "reaction btn btn-sm btn-light border", dataset: { emoji },
        "aria-label": t("msg.reaction", { emoji, n }) }, emoji + " " + n)));
  }

  function actionsNode(node) {
    const buttons = [
      el("button", { type: "button", className: "msg-reply btn btn-link btn-sm", "aria-label": t("msg.reply"), title: t("msg.reply") },
        el("i", { className: "bi bi-reply", "aria-hidden": "true" })),
      el("button", { type: "button", className: "msg-react btn btn-link btn-sm", "aria-label": t("msg.react"), title: t("msg.react"),
        "aria-expanded": "false" }, el("i", { className: "bi bi-emoji-smile", "aria-hidden": "true" })),
    ];
    if (mine(node) && windowOpen(node)) {
      buttons.push(
        el("button", { type: "button", className: "msg-edit btn btn-link btn-sm", "aria-label": t("msg.edit"), title: t("msg.edit") },
          el("i", { className: "bi bi-pencil", "aria-hidden": "true" })),
        el("button", { type: "button", className: "msg-delete btn btn-link btn-sm", "aria-label": t("msg.delete"), title: t("msg.delete") },
          el("i", { className: "bi bi-trash", "aria-hidden": "true" })));
    }
    return el("div", { className: "msg-actions" }, buttons);
  }

  function markEdited(node) {
    if (node.querySelector(".edited")) return;
    node.querySelector("header").append(" ", el("span", { className: "edited small text-body-secondary fst-italic" }, "(" + t("msg.edited") + ")"));
  }

  function markMentions(node, mentions) {
    const me = key(ctx.me());
    const forMe = (mentions || []).some((name) => key(name) === me);
    node.classList.toggle("mentions-me", forMe);
    const note = node.querySelector(".mention-note");
    if (forMe && !note) node.querySelector("header").append(el("span", { className: "mention-note visually-hidden" }, " (" + t("msg.mentionsYou") + ")"));
    if (!forMe && note) note.remove();
  }

  /** Shows the message as deleted: its text, reactions and actions go; quotes of it say so. */
  function deleted(node) {
    node.classList.add("deleted");
    node.querySelector(".text").replaceChildren(el("em", { className: "text-body-secondary" }, t("msg.deleted")));
    for (const part of node.querySelectorAll(".reactions, .msg-actions, .edit-form, .picker, .edited")) part.remove();
    node.querySelector(".text").classList.remove("d-none");
    for (const quote of document.querySelectorAll('#messages .quote[data-reply-to="' + Number(node.dataset.id) + '"] .quote-text')) {
      quote.textContent = t("msg.quoteDeleted");
      quote.classList.add("fst-italic");
    }
  }

  /** Adds to a new message node what issue #14 gives it. */
  function decorate(node, m) {
    node.dataset.author = m.nome_usuario;
    if (m.timestamp) node.dataset.at = m.timestamp;
    texts.set(node, m.mensagem || "");
    if (m.resposta_a) node.querySelector(".text").before(quoteNode(m));
    if (m.excluida) {
      deleted(node);
      return;
    }
    if (m.editada) markEdited(node);
    markMentions(node, m.mencoes);
    renderReactions(node, m.reacoes);
    node.querySelector("header").append(actionsNode(node));
  }

  // ---- what a click does ----

  function jumpTo(id) {
    const target = article(id);
    if (!target) {
      showAlert(ctx.alertBox, t("msg.notLoaded"), "info", true);
      return;
    }
    // Only the message list scrolls (scrollIntoView would move the whole page too).
    const box = document.getElementById("messages");
    box.scrollTop += target.getBoundingClientRect().top - box.getBoundingClientRect().top - (box.clientHeight - target.offsetHeight) / 2;
    target.classList.add("flash");
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    setTimeout(() => target.classList.remove("flash"), FLASH_MS);
  }

  function startReply(node) {
    replyTo = Number(node.dataset.id);
    const excerpt = [...(texts.get(node) || "")].slice(0, 60).join("");
    const bar = document.getElementById("reply-bar");
    bar.replaceChildren(
      el("i", { className: "bi bi-reply me-1", "aria-hidden": "true" }),
      el("span", { className: "fw-semibold" }, t("msg.replyingTo", { name: node.dataset.author })), " ",
      el("span", { className: "text-body-secondary text-truncate" }, excerpt),
      el("button", { type: "button", className: "btn-close btn-sm ms-auto", id: "cancel-reply", "aria-label": t("msg.cancelReply") }));
    bar.classList.remove("d-none");
    document.getElementById("message-input").focus();
  }

  function cancelReply() {
    replyTo = null;
    const bar = document.getElementById("reply-bar");
    bar.classList.add("d-none");
    bar.replaceChildren();
  }

  /** The id the message being sent answers (once), or null. */
  function takeReply() {
    const id = replyTo;
    cancelReply();
    return id;
  }

  function togglePicker(node, button) {
    const open = node.querySelector(".picker");
    if (open) {
      open.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    button.setAttribute("aria-expanded", "true");
    node.querySelector(".text").after(el("div", { className: "picker" }, PICKS.map((emoji) =>
      el("button", { type: "button", className: "pick btn btn-sm btn-light", dataset: { emoji }, "aria-label": t("msg.pick", { emoji }) }, emoji))));
  }

  function startEdit(node) {
    if (node.querySelector(".edit-form")) return;
    const text = node.querySelector(".text");
    const box = el("textarea", { className: "form-control form-control-sm edit-input", rows: "2", "aria-label": t("msg.edit") });
    box.value = texts.get(node) || "";
    const form = el("form", { className: "edit-form mt-1" }, box,
      el("div", { className: "d-flex gap-1 mt-1 justify-content-end" },
        el("button", { type: "button", className: "edit-cancel btn btn-sm btn-outline-secondary" }, t("msg.cancel")),
        el("button", { type: "submit", className: "edit-save btn btn-sm btn-primary" }, t("msg.save"))));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      ask("editar_mensagem", { id: Number(node.dataset.id), mensagem: box.value, chave_sessao: ctx.key() || undefined }, () => {
        form.remove();
        text.classList.remove("d-none");
      });
    });
    form.querySelector(".edit-cancel").addEventListener("click", () => { form.remove(); text.classList.remove("d-none"); });
    text.classList.add("d-none");
    text.after(form);
    box.focus();
  }

  function confirmDelete(node, button) {
    if (!button.classList.contains("confirming")) {
      button.classList.add("confirming", "text-danger");
      button.replaceChildren(el("i", { className: "bi bi-trash-fill me-1", "aria-hidden": "true" }), t("msg.confirmDelete"));
      return;
    }
    ask("excluir_mensagem", { id: Number(node.dataset.id), chave_sessao: ctx.key() || undefined });
  }

  function onClick(event) {
    const button = event.target.closest("button");
    const node = button && button.closest("article.message[data-id]");
    if (!node) return;
    const id = Number(node.dataset.id);
    if (button.classList.contains("quote")) jumpTo(Number(button.dataset.replyTo));
    else if (button.classList.contains("msg-reply")) startReply(node);
    else if (button.classList.contains("msg-react")) togglePicker(node, button);
    else if (button.classList.contains("msg-edit")) startEdit(node);
    else if (button.classList.contains("msg-delete")) confirmDelete(node, button);
    else if (button.classList.contains("reaction") || button.classList.contains("pick")) {
      ask("reagir", { id, emoji: button.dataset.emoji });
      const picker = node.querySelector(".picker");
      if (picker && button.classList.contains("pick")) picker.remove();
    }
  }

  // ---- what the room says ----

  function attach(socket) {
    socket.on("mensagem_editada", (e) => {
      if (e.id_sala !== ctx.roomId) return;
      const node = article(e.id);
      if (!node || node.classList.contains("deleted")) return;
      texts.set(node, e.mensagem);
      node.querySelector(".text").replaceChildren(formatted(e.mensagem));
      markEdited(node);
      markMentions(node, e.mencoes);
    });
    socket.on("reacao_atualizada", (e) => {
      if (e.id_sala !== ctx.roomId) return;
      const node = article(e.id);
      if (node && !node.classList.contains("deleted")) renderReactions(node, e.reacoes);
    });
  }

  /**
   * @param context {roomId, me(), socket(), key(), alertBox}: what chat.js knows (the name I am in
   *        the room, the live socket, the reclaim key that proves me after a reconnect)
   */
  function init(context) {
    ctx = context;
    const composer = document.getElementById("composer");
    composer.prepend(el("div", { id: "reply-bar", className: "reply-bar d-none d-flex align-items-center gap-1 small mb-1" }));
    composer.addEventListener("click", (event) => { if (event.target.closest("#cancel-reply")) cancelReply(); });
    document.getElementById("messages").addEventListener("click", onClick);
  }

  function setWindow(minutes) {
    if (typeof minutes === "number") windowMinutes = minutes;
  }

  window.WebTalkMessages = { init, attach, decorate, deleted, takeReply, setWindow };
})();
