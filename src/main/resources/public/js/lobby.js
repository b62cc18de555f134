// The lobby: rooms table (search, filter, pages, live refresh), nickname, and the three dialogs.
(function () {
  "use strict";
  const { api, el, t, nickname, setNickname, validNickname, showAlert, formatDate } =
    Object.assign({}, window.WebTalk, { t: WebTalkI18n.t });
  const PAGE_SIZE = 10;
  const REFRESH_MS = 4000;
  let rooms = [];
  let page = 1;
  let pendingRoom = null;

  const $ = (id) => document.getElementById(id);
  const modal = (id) => bootstrap.Modal.getOrCreateInstance($(id));

  function visibleRooms() {
    const query = $("search").value.trim().toLowerCase();
    const filter = $("filter").value;
    return rooms.filter((room) =>
      (filter === "all" || (filter === "protected") === room.tem_senha) &&
      (!query || room.nome.toLowerCase().includes(query) || (room.descricao || "").toLowerCase().includes(query)
        || room.criador.toLowerCase().includes(query) || room.id === query));
  }

  function render() {
    const list = visibleRooms();
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    page = Math.min(page, pages);
    const rows = list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((room) => el("tr", { dataset: { room: room.id } },
      el("td", {},
        room.tem_senha ? el("i", { className: "bi bi-lock-fill text-warning me-1", role: "img", "aria-label": t("lobby.protected"), title: t("lobby.protected") }) : null,
        el("span", { className: "fw-semibold room-name" }, room.nome),
        room.descricao ? el("div", { className: "small text-body-secondary text-break" }, room.descricao) : null),
      el("td", { className: "d-none d-md-table-cell" }, room.criador),
      el("td", { className: "text-center" }, el("span", { className: "badge text-bg-success online-count" }, String(room.contador_usuarios))),
      el("td", { className: "text-center d-none d-sm-table-cell" }, String(room.contador_mensagens)),
      el("td", { className: "d-none d-lg-table-cell small" }, formatDate(room.criado_em)),
      el("td", { className: "text-end" }, el("button", { type: "button", className: "btn btn-sm btn-primary enter-room", dataset: { room: room.id } }, t("lobby.enter")))));
    $("room-rows").replaceChildren(...rows);
    $("rooms-empty").classList.toggle("d-none", list.length > 0);
    $("page-info").textContent = t("lobby.page", { n: page, total: pages });
    $("prev-page").disabled = page <= 1;
    $("next-page").disabled = page >= pages;
  }

  async function refresh() {
    const answer = await api("GET", "/api/salas");
    if (answer.ok && Array.isArray(answer.data)) {
      rooms = answer.data;
      render();
    }
  }

  function requireNickname() {
    const input = $("nickname");
    if (!validNickname(input.value)) {
      input.classList.add("is-invalid");
      input.focus();
      return false;
    }
    input.classList.remove("is-invalid");
    setNickname(input.value);
    return true;
  }

  function go(roomId) {
    window.location.href = "/chat/" + encodeURIComponent(roomId);
  }

  async function enter(roomId) {
    if (!requireNickname()) return;
    let room = rooms.find((r) => r.id === roomId);
    if (!room) {
      const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId));
      if (!answer.ok) {
        return answer;
      }
      room = answer.data;
    }
    if (!room.tem_senha) {
      go(room.id);
      return { ok: true };
    }
    pendingRoom = room;
    $("password-room-name").textContent = room.nome;
    $("password-input").value = "";
    $("password-alert").replaceChildren();
    modal("password-modal").show();
    return { ok: true };
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("nickname").value = nickname();
    $("nickname").addEventListener("change", () => { if (validNickname($("nickname").value)) setNickname($("nickname").value); });
    $("search").addEventListener("input", () => { page = 1; render(); });
    $("filter").addEventListener("change", () => { page = 1; render(); });
    $("prev-page").addEventListener("click", () => { page--; render(); });
    $("next-page").addEventListener("click", () => { page++; render(); });
    $("room-rows").addEventListener("click", (event) => {
      const button = event.target.closest(".enter-room");
      if (button) enter(button.dataset.room);
    });
    $("open-create").addEventListener("click", () => {
      if (!requireNickname()) return;
      $("create-alert").replaceChildren();
      modal("create-modal").show();
    });
    $("open-code").addEventListener("click", () => {
      if (!requireNickname()) return;
      $("code-alert").replaceChildren();
      modal("code-modal").show();
    });
    $("create-modal").addEventListener("shown.bs.modal", () => $("create-name").focus());
    $("code-modal").addEventListener("shown.bs.modal", () => $("code-input").focus());
    $("password-modal").addEventListener("shown.bs.modal", () => $("password-input").focus());

    $("create-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { nome: $("create-name").value, criador: nickname(), descricao: $("create-description").value };
      const password = $("create-password").value;
      if (password) body.senha = password;
      const answer = await api("POST", "/api/salas", body);
      if (!answer.ok) {
        showAlert($("create-alert"), answer.data.erro || t("error.network"));
        return;
      }
      if (password) {
        const access = await api("POST", "/api/salas/" + answer.data.id_sala + "/entrar", { senha: password });
        if (access.ok) sessionStorage.setItem("webtalk.token." + answer.data.id_sala, access.data.token);
      }
      go(answer.data.id_sala);
    });

    $("code-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const code = $("code-input").value.trim().toLowerCase();
      if (!code) return;
      const answer = await enter(code);
      if (answer && !answer.ok) {
        showAlert($("code-alert"), answer.data.erro || t("error.network"));
      } else {
        modal("code-modal").hide();
      }
    });

    $("password-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const answer = await api("POST", "/api/salas/" + encodeURIComponent(pendingRoom.id) + "/entrar", { senha: $("password-input").value });
      if (!answer.ok) {
        showAlert($("password-alert"), answer.data.erro || t("error.network"));
        $("password-input").select();
        return;
      }
      sessionStorage.setItem("webtalk.token." + pendingRoom.id, answer.data.token);
      go(pendingRoom.id);
    });

    document.addEventListener("webtalk:language", render);
    refresh();
    setInterval(refresh, REFRESH_MS);
    // Sent back from a room that needs its password (or a shared link): open that room's dialog.
    const wanted = new URLSearchParams(window.location.search).get("sala");
    if (wanted) enter(wanted);
  });
})();
