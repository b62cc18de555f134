// The admin panel: login, live dashboard (every few seconds), rooms with delete, settings, audit.
(function () {
  "use strict";
  const { api, el, showAlert } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const REFRESH_MS = 3000;
  const SETTINGS = [
    ["maximo_salas", "number"], ["timeout_sala", "number"], ["tamanho_maximo_mensagem", "number"],
    ["tamanho_historico", "number"], ["limite_mensagens_por_minuto", "number"], ["maximo_usuarios_por_sala", "number"],
    ["criacao_salas_aberta", "checkbox"],
  ];
  let csrf = null;
  let timer = null;
  let deleting = null;

  function admin(method, path, body) {
    return api(method, path, body, csrf ? { "X-CSRF-Token": csrf } : {});
  }

  function show(loggedIn) {
    $("login-section").classList.toggle("d-none", loggedIn);
    $("dashboard").classList.toggle("d-none", !loggedIn);
    $("logout").classList.toggle("d-none", !loggedIn);
    clearInterval(timer);
    if (loggedIn) {
      refresh();
      loadSettings();
      timer = setInterval(refresh, REFRESH_MS);
    } else {
      $("admin-password").focus();
    }
  }

  function duration(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return h > 0 ? h + " h " + m + " min" : m + " min " + (seconds % 60) + " s";
  }

  async function refresh() {
    const answer = await admin("GET", "/api/admin/estatisticas");
    if (answer.status === 401) {
      show(false);
      return;
    }
    if (!answer.ok) return;
    const s = answer.data;
    for (const key of ["salas_ativas", "usuarios_online", "total_mensagens", "mensagens_ultima_hora", "total_salas", "conexoes"]) {
      $("stat-" + key).textContent = String(s[key]);
    }
    $("stat-uptime").textContent = duration(s.tempo_ativo_segundos);
    $("stat-memory").textContent = Math.round(s.memoria.usada_bytes / 1048576) + " MiB";
    renderChart(s.mensagens_por_minuto);
    $("activity").replaceChildren(...s.atividade_recente.map((a) =>
      el("li", { className: "mb-1" }, el("span", { className: "text-body-secondary me-1" }, a.horario), a.texto)));
    $("admin-rooms").replaceChildren(...s.salas.map((room) => el("tr", { dataset: { room: room.id } },
      el("td", {}, room.tem_senha ? el("i", { className: "bi bi-lock-fill text-warning me-1", "aria-hidden": "true" }) : null,
        el("span", { className: "room-name" }, room.nome), " ", el("code", { className: "small" }, room.id)),
      el("td", { className: "text-center online" }, String(room.usuarios_online)),
      el("td", { className: "text-center messages" }, String(room.total_mensagens)),
      el("td", { className: "text-end text-nowrap" },
        el("button", { type: "button", className: "btn btn-sm btn-outline-secondary me-1 close-room", dataset: { room: room.id } }, t("admin.closeRoom")),
        el("button", { type: "button", className: "btn btn-sm btn-outline-danger delete-room", dataset: { room: room.id, name: room.nome } },
          el("i", { className: "bi bi-trash", "aria-hidden": "true" }), " ", t("admin.delete"))))));
    const audit = await admin("GET", "/api/admin/auditoria");
    if (audit.ok) {
      $("audit").replaceChildren(...audit.data.slice(0, 15).map((e) => el("li", { className: "mb-1" },
        el("span", { className: "text-body-secondary me-1" }, e.horario), e.acao, e.id_sala ? " · " + e.id_sala : "", e.alvo ? " · " + e.alvo : "")));
    }
  }

  /** Bars for the last 60 minutes, drawn as SVG (no chart library, no inline script or style). */
  function renderChart(series) {
    const ns = "http://www.w3.org/2000/svg";
    const width = 600;
    const height = 140;
    const max = Math.max(1, ...series.map((p) => p.total));
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (height + 20));
    svg.setAttribute("class", "w-100");
    const bar = width / series.length;
    series.forEach((point, i) => {
      const h = Math.round((point.total / max) * height);
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", String(i * bar + 1));
      rect.setAttribute("y", String(height - h));
      rect.setAttribute("width", String(Math.max(1, bar - 2)));
      rect.setAttribute("height", String(h));
      rect.setAttribute("class", "bar");
      const title = document.createElementNS(ns, "title");
      title.textContent = new Date(point.minuto).toLocaleTimeString(WebTalkI18n.language(), { hour: "2-digit", minute: "2-digit" }) + ": " + point.total;
      rect.append(title);
      svg.append(rect);
    });
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "0");
    label.setAttribute("y", String(height + 16));
    label.setAttribute("class", "axis");
    label.textContent = "máx. " + max + "/min";
    svg.append(label);
    $("chart").replaceChildren(svg);
  }

  async function loadSettings() {
    const answer = await admin("GET", "/api/admin/configuracoes");
    if (!answer.ok) return;
    $("settings-fields").replaceChildren(...SETTINGS.map(([key, type]) => type === "checkbox"
      ? el("div", { className: "form-check mb-2" },
          el("input", { id: "set-" + key, type: "checkbox", className: "form-check-input", checked: answer.data[key] }),
          el("label", { for: "set-" + key, className: "form-check-label small", "data-i18n": "set." + key }, t("set." + key)))
      : el("div", { className: "mb-2" },
          el("label", { for: "set-" + key, className: "form-label small mb-0", "data-i18n": "set." + key }, t("set." + key)),
          el("input", { id: "set-" + key, type: "number", className: "form-control form-control-sm", value: String(answer.data[key]), min: "0" }))));
  }

  document.addEventListener("DOMContentLoaded", async () => {
    $("login-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const answer = await api("POST", "/api/admin/login", { senha: $("admin-password").value });
      if (!answer.ok) {
        showAlert($("login-alert"), answer.data.erro || t("error.network"));
        return;
      }
      csrf = answer.data.csrf;
      $("admin-password").value = "";
      $("login-alert").replaceChildren();
      show(true);
    });
    $("logout").addEventListener("click", async () => {
      await admin("POST", "/api/admin/logout", {});
      csrf = null;
      show(false);
    });
    $("admin-rooms").addEventListener("click", async (event) => {
      const remove = event.target.closest(".delete-room");
      const close = event.target.closest(".close-room");
      if (remove) {
        deleting = remove.dataset.room;
        $("confirm-text").textContent = t("admin.confirmDelete", { name: remove.dataset.name });
        bootstrap.Modal.getOrCreateInstance($("confirm-modal")).show();
      } else if (close) {
        const answer = await admin("POST", "/api/admin/salas/" + encodeURIComponent(close.dataset.room) + "/encerrar", {});
        showAlert($("admin-alert"), answer.data.mensagem || answer.data.erro, answer.ok ? "success" : "danger");
        refresh();
      }
    });
    $("confirm-delete").addEventListener("click", async () => {
      const answer = await admin("DELETE", "/api/admin/salas/" + encodeURIComponent(deleting));
      bootstrap.Modal.getOrCreateInstance($("confirm-modal")).hide();
      showAlert($("admin-alert"), answer.data.mensagem || answer.data.erro, answer.ok ? "success" : "danger");
      refresh();
    });
    $("settings-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = {};
      for (const [key, type] of SETTINGS) {
        const input = $("set-" + key);
        body[key] = type === "checkbox" ? input.checked : Number(input.value);
      }
      if ($("set-senha_admin").value) body.senha_admin = $("set-senha_admin").value;
      const answer = await admin("POST", "/api/admin/configuracoes", body);
      showAlert($("settings-alert"), answer.ok ? t("admin.saved") : answer.data.erro, answer.ok ? "success" : "danger");
      if (answer.ok) $("set-senha_admin").value = "";
    });
    document.addEventListener("webtalk:language", () => { if (csrf) { refresh(); loadSettings(); } });
    const session = await api("GET", "/api/admin/sessao");
    csrf = session.ok && session.data.autenticado ? session.data.csrf : null;
    show(Boolean(csrf));
  });
})();
