// Search in a room: the panel opened from the header's magnifier. Results come from
// GET /api/salas/{id}/busca, best first, each with its excerpt as segments whose matched words are
// drawn as <mark> (text nodes only, never HTML); clicking one shows the message in the conversation
// (chat.js pages the history back to it, scrolls to it and marks it).
(function () {
  "use strict";
  const { api, el, showAlert } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const PAGE_SIZE = 20;

  const search = { query: "", page: 0, count: 0, busy: false };

  function resultNode(r) {
    const when = r.timestamp ? new Date(r.timestamp) : null;
    const time = when ? when.toLocaleString(WebTalkI18n.language(), { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" }) : r.horario;
    const excerpt = (r.trecho || []).map((part) => (part.destaque ? el("mark", {}, part.texto) : part.texto));
    const button = el("button", { type: "button", className: "result btn btn-light border mb-2 p-2", dataset: { id: String(r.id) },
      "aria-label": t("search.goTo", { name: r.nome_usuario, time }) },
      el("span", { className: "d-flex justify-content-between gap-2 small" },
        el("span", { className: "fw-semibold text-truncate" }, r.nome_usuario),
        el("time", { className: "text-body-secondary flex-shrink-0", datetime: r.timestamp || "" }, time)),
      el("span", { className: "d-block excerpt" }, excerpt));
    button.addEventListener("click", () => goTo(r.id));
    return el("li", {}, button);
  }

  async function goTo(id) {
    const panel = bootstrap.Offcanvas.getOrCreateInstance($("search-panel"));
    panel.hide();
    const shown = await window.WebTalkChat.showMessage(id);
    if (!shown) showAlert($("chat-alert"), t("search.tooFar"), "warning", true);
  }

  async function run(page) {
    if (search.busy) return;
    search.busy = true;
    const status = $("search-status");
    status.textContent = t("search.searching");
    $("search-more").classList.add("d-none");
    const chat = window.WebTalkChat;
    const answer = await api("GET", "/api/salas/" + encodeURIComponent(chat.roomId) + "/busca?q=" + encodeURIComponent(search.query)
      + "&limite=" + PAGE_SIZE + "&pagina=" + page, undefined, chat.authHeader());
    search.busy = false;
    if (!answer.ok) {
      status.replaceChildren();
      showAlert(status, WebTalkI18n.server(answer.data), "danger");
      return;
    }
    search.page = page;
    const items = answer.data.resultados.map(resultNode);
    if (page === 1) $("search-results").replaceChildren(...items); else $("search-results").append(...items);
    search.count = (page === 1 ? 0 : search.count) + items.length;
    status.textContent = search.count === 0 ? t("search.none") : t("search.count", { n: search.count + (answer.data.mais ? "+" : "") });
    $("search-more").classList.toggle("d-none", !answer.data.mais);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const query = $("search-input").value.trim();
      if (!query) return;
      search.query = query;
      run(1);
    });
    $("search-more").addEventListener("click", () => run(search.page + 1));
    $("search-panel").addEventListener("shown.bs.offcanvas", () => $("search-input").focus());
  });
})();
