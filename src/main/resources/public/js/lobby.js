// The lobby: rooms table (search, filter, sort, pages, live refresh), nickname, and the three dialogs.
(function () {
  "use strict";
  const { api, el, nickname, setNickname, validNickname, showAlert, formatDate, poll, takeNotice, wirePasswordToggles, dialog } = window.WebTalk;
  const t = WebTalkI18n.t;
  const PAGE_SIZE = 10;
  const REFRESH_MS = 4000;
  const ROOM_CODE = /^[a-z0-9]{8}$/;
  let rooms = [];
  let lastPayload = "";
  let page = 1;
  let pendingRoom = null;

  const $ = (id) => document.getElementById(id);

  // A random id this browser keeps: the server counts wrong room passwords per device, so one
  // student's typos do not lock out a whole class behind the school's single address.
  function deviceId() {
    let id = localStorage.getItem("webtalk.device") || "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));  // works on plain http, unlike randomUUID
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      localStorage.setItem("webtalk.device", id);
    }
    return id;
  }

  const SORTS = {
    newest: (a, b) => String(b.criado_em).localeCompare(String(a.criado_em)),
    online: (a, b) => b.contador_usuarios - a.contador_usuarios || a.nome.localeCompare(b.nome),
    name: (a, b) => a.nome.localeCompare(b.nome, WebTalkI18n.language(), { sensitivity: "base" }),
  };

  /** Text as search compares it: without accents or case ("Matemática" and "matematica" are the same). */
  function folded(text) {
    return String(text || "").normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }

  function visibleRooms() {
    const query = folded($("search").value.trim());
    const filter = $("filter").value;
    return rooms.filter((room) =>
      (filter === "all" || (filter === "protected") === room.tem_senha) &&
      (!query || folded(room.nome).includes(query) || folded(room.descricao).includes(query)
        || folded(room.criador).includes(query) || room.id === query))
      .sort(SORTS[$("sort").value] || SORTS.newest);
  }

  /**
   * No rows to show: the invitation to create the first room only when there is none at all;
   * otherwise say that nothing matches the search or the filter. The table and pager give way to it.
   */
  function showEmpty(list) {
    const empty = list.length === 0;
    $("rooms-table").classList.toggle("d-none", empty);
    // Only when there is more than one page: a lone "page 1 of 1" with two disabled buttons says nothing.
    $("pager").classList.toggle("invisible", list.length <= PAGE_SIZE);
    $("rooms-empty").classList.toggle("d-none", !empty);
    if (!empty) return;
    const query = $("search").value.trim();
    $("rooms-empty-text").textContent = rooms.length === 0 ? t("lobby.none")
      : query ? t("lobby.noMatch", { query }) : t("lobby.noMatchFilter");
  }

  function roomRow(room) {
    return el("tr", { dataset: { room: room.id } },
      el("td", {},
        room.tem_senha ? el("i", { className: "bi bi-lock-fill text-warning-emphasis me-1", role: "img", "aria-label": t("lobby.protected"), title: t("lobby.protected") }) : null,
        el("span", { className: "fw-semibold room-name text-break" }, room.nome),
        room.descricao ? el("div", { className: "small text-body-secondary text-break" }, room.descricao) : null),
      el("td", { className: "d-none d-md-table-cell text-break" }, room.criador),
      el("td", { className: "text-center" }, el("span", {
        className: "badge online-count " + (room.contador_usuarios > 0 ? "text-bg-success" : "text-bg-secondary"),
        "aria-label": t("lobby.onlineCount", { n: room.contador_usuarios }),
      }, String(room.contador_usuarios))),
      el("td", { className: "text-center d-none d-sm-table-cell" }, String(room.contador_mensagens)),
      el("td", { className: "d-none d-lg-table-cell small" }, formatDate(room.criado_em)),
      el("td", { className: "text-end" }, el("button", {
        type: "button", className: "btn btn-sm btn-primary enter-room", dataset: { room: room.id },
        "aria-label": t("lobby.enterRoom", { name: room.nome }),
      }, t("lobby.enter"))));
  }

  function render() {
    const list = visibleRooms();
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    page = Math.max(1, Math.min(page, pages));
    // A refresh must not steal keyboard focus from the row the user is on.
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(".enter-room");
    const focusedRoom = focused ? focused.dataset.room : null;
    const first = (page - 1) * PAGE_SIZE;
    $("room-rows").replaceChildren(...list.slice(first, first + PAGE_SIZE).map(roomRow));
    if (focusedRoom) {
      const again = $("room-rows").querySelector('.enter-room[data-room="' + CSS.escape(focusedRoom) + '"]');
      if (again) again.focus();
    }
    showEmpty(list);
    $("rooms-summary").textContent = list.length
      ? t("lobby.summary", { from: first + 1, to: Math.min(first + PAGE_SIZE, list.length), total: list.length })
      : "";
    $("page-info").textContent = t("lobby.page", { n: page, total: pages });
    $("prev-page").disabled = page <= 1;
    $("next-page").disabled = page >= pages;
  }

  async function refresh() {
    const answer = await api("GET", "/api/salas");
    $("lobby-status").classList.toggle("d-none", answer.status !== 0);
    if (!answer.ok || !Array.isArray(answer.data)) return;
    const payload = JSON.stringify(answer.data);
    if (payload === lastPayload) return;
    lastPayload = payload;
    rooms = answer.data;
    render();
  }

  async function loadLimits() {
    const limits = await api("GET", "/api/limites");
    const closed = limits.ok && limits.data.criacao_salas_aberta === false;
    $("open-create").disabled = closed;
    $("create-closed").classList.toggle("d-none", !closed);
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

  /** "k3x9q2mz", "K3X9Q2MZ ", "http://host/chat/k3x9q2mz" or "…/?sala=k3x9q2mz" all name the same room. */
  function codeFrom(input) {
    const text = input.trim();
    const fromLink = text.match(/\/chat\/([A-Za-z0-9]+)/) || text.match(/[?&]sala=([A-Za-z0-9]+)/);
    return (fromLink ? fromLink[1] : text).toLowerCase();
  }

  async function enter(roomId) {
    if (!requireNickname()) return { ok: true };
    let room = rooms.find((r) => r.id === roomId);
    if (!room) {
      const answer = await api("GET", "/api/salas/" + encodeURIComponent(roomId));
      if (!answer.ok) return answer;
      room = answer.data;
    }
    if (!room.tem_senha) {
      go(room.id);
      return { ok: true };
    }
    pendingRoom = room;
    $("password-room-name").textContent = room.nome;
    $("password-input").value = "";
    $("password-input").type = "password";
    $("password-alert").replaceChildren();
    dialog("password-modal").show();
    return { ok: true };
  }

  function busy(form, on) {
    form.querySelectorAll("button[type=submit]").forEach((b) => { b.disabled = on; });
  }

  async function createRoom(event) {
    event.preventDefault();
    const form = $("create-form");
    const name = $("create-name");
    const valid = name.value.trim().length > 0;
    name.classList.toggle("is-invalid", !valid);
    if (!valid) {
      name.focus();
      return;
    }
    const body = { nome: name.value.trim(), criador: nickname() };
    const description = $("create-description").value.trim();
    if (description) body.descricao = description;
    const password = $("create-password").value;
    if (password) body.senha = password;
    busy(form, true);
    const answer = await api("POST", "/api/salas", body);
    if (!answer.ok) {
      busy(form, false);
      showAlert($("create-alert"), WebTalkI18n.server(answer.data));
      if (answer.data.codigo === "nome_sala_em_uso" || answer.data.codigo === "nome_sala_invalido") name.select();
      return;
    }
    if (answer.data.chave_dono) {
      // The owner key (issue #14), shown once by the server: kept for this room; the room page offers its link.
      localStorage.setItem("webtalk.owner." + answer.data.id_sala, JSON.stringify({ campo: "chave_dono", chave: answer.data.chave_dono }));
      sessionStorage.setItem("webtalk.ownerNew." + answer.data.id_sala, "1");
    }
    if (password) {
      const access = await api("POST", "/api/salas/" + encodeURIComponent(answer.data.id_sala) + "/entrar", { senha: password, dispositivo: deviceId() });
      if (access.ok) sessionStorage.setItem("webtalk.token." + answer.data.id_sala, access.data.token);
    }
    go(answer.data.id_sala);
  }

  async function accessByCode(event) {
    event.preventDefault();
    const code = codeFrom($("code-input").value);
    if (!ROOM_CODE.test(code)) {
      showAlert($("code-alert"), t("code.invalid"));
      $("code-input").select();
      return;
    }
    busy($("code-form"), true);
    const answer = await enter(code);
    busy($("code-form"), false);
    if (answer && !answer.ok) {
      showAlert($("code-alert"), WebTalkI18n.server(answer.data));
      $("code-input").select();
    } else {
      dialog("code-modal").hide();
    }
  }

  async function unlock(event) {
    event.preventDefault();
    if (!$("password-input").value) {
      $("password-input").focus();
      return;
    }
    busy($("password-form"), true);
    const answer = await api("POST", "/api/salas/" + encodeURIComponent(pendingRoom.id) + "/entrar", { senha: $("password-input").value, dispositivo: deviceId() });
    if (!answer.ok) {
      busy($("password-form"), false);
      showAlert($("password-alert"), WebTalkI18n.server(answer.data));
      $("password-input").select();
      return;
    }
    sessionStorage.setItem("webtalk.token." + pendingRoom.id, answer.data.token);
    go(pendingRoom.id);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("nickname").value = nickname();
    $("nickname").addEventListener("input", () => {
      if (validNickname($("nickname").value)) {
        setNickname($("nickname").value);
        $("nickname").classList.remove("is-invalid");
      }
    });
    $("search").addEventListener("input", () => { page = 1; render(); });
    $("filter").addEventListener("change", () => { page = 1; render(); });
    $("sort").addEventListener("change", () => { page = 1; render(); });
    $("prev-page").addEventListener("click", () => { page--; render(); });
    $("next-page").addEventListener("click", () => { page++; render(); });
    $("room-rows").addEventListener("click", (event) => {
      const button = event.target.closest(".enter-room");
      if (button) enter(button.dataset.room);
    });
    $("open-create").addEventListener("click", () => {
      if (!requireNickname()) return;
      $("create-alert").replaceChildren();
      $("create-name").classList.remove("is-invalid");
      busy($("create-form"), false);
      dialog("create-modal").show();
    });
    $("open-code").addEventListener("click", () => {
      if (!requireNickname()) return;
      $("code-alert").replaceChildren();
      busy($("code-form"), false);
      dialog("code-modal").show();
    });
    $("create-modal").addEventListener("shown.bs.modal", () => $("create-name").focus());
    $("code-modal").addEventListener("shown.bs.modal", () => $("code-input").select());
    $("password-modal").addEventListener("shown.bs.modal", () => { busy($("password-form"), false); $("password-input").focus(); });
    $("create-form").addEventListener("submit", createRoom);
    $("code-form").addEventListener("submit", accessByCode);
    $("password-form").addEventListener("submit", unlock);
    wirePasswordToggles();

    document.addEventListener("webtalk:language", render);
    const notice = takeNotice();
    if (notice) showAlert($("lobby-alert"), notice, "warning", true);
    loadLimits();
    poll(refresh, REFRESH_MS);
    // Sent back from a room that needs its password, or a shared link: open that room's dialog.
    const wanted = new URLSearchParams(window.location.search).get("sala");
    if (wanted && !validNickname($("nickname").value)) {
      // A shared link opened by someone new: ask for the name, then carry on with Enter.
      showAlert($("lobby-alert"), t("lobby.nameFirst"), "info");
      $("nickname").focus();
      $("nickname").addEventListener("keydown", (event) => {
        if (event.key === "Enter" && validNickname($("nickname").value)) {
          $("lobby-alert").replaceChildren();
          enter(codeFrom(wanted));
        }
      });
    } else if (wanted) {
      enter(codeFrom(wanted));
    }
  });
})();
