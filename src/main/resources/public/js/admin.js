// The admin panel: login, live dashboard (every few seconds while visible), rooms with close and
// delete (confirmed first), moderate (js/admin-moderation.js), export, closed rooms to reopen, backup download, settings, audit log.
// Every state change sends X-CSRF-Token; downloads are plain links (GET, the session cookie).
(function () {
  "use strict";
  const { api, el, showAlert, poll, wirePasswordToggles, dialog } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const REFRESH_MS = 3000;
  // [key, min, max] as documented in protocol.md (Configuracoes); the server checks them again.
  const SETTINGS = [
    ["maximo_salas", 1, 1000], ["timeout_sala", 0, 168], ["tamanho_maximo_mensagem", 1, 5000],
    ["tamanho_historico", 0, 200], ["limite_mensagens_por_minuto", 1, 6000], ["maximo_usuarios_por_sala", 1, 10000],
    ["retencao_dias", 0, 3650], ["janela_edicao_minutos", 0, 1440], ["criacao_salas_aberta"],
  ];
  let csrf = null;
  let stopPolling = null;
  let pendingAction = null;
  let pendingRetention = null;
  let chart = null;
  let resizeWatch = null;
  /** The chart's colours are read from the theme when it is drawn: a theme switch draws it again (theme.js). */
  let lastSeries = null;
  document.addEventListener("webtalk:theme", () => {
    if (!chart) return;
    chart.destroy();
    chart = null;
    renderChart(lastSeries);
  });
  let lastStats = null;

  function admin(method, path, body) {
    return api(method, path, body, csrf ? { "X-CSRF-Token": csrf } : {});
  }

  /** The session may have ended (expired, logged out elsewhere, CSRF rotated): ask the server. */
  async function recheckSession() {
    const session = await api("GET", "/api/admin/sessao");
    csrf = session.ok && session.data.autenticado ? session.data.csrf : null;
    show(Boolean(csrf));
  }

  function show(loggedIn) {
    $("login-section").classList.toggle("d-none", loggedIn);
    $("dashboard").classList.add("d-none");
    $("logout").classList.toggle("d-none", !loggedIn);
    $("updated").classList.toggle("d-none", !loggedIn);
    if (stopPolling) stopPolling();
    stopPolling = null;
    if (loggedIn) {
      // Shown once its first numbers, rooms, activity, audit and settings are in, then filled in place:
      // cards growing as each answer arrived pushed the others down (issue #15, CLS 0.22 at 1280 px).
      Promise.all([loadSettings(), refresh()]).finally(() => {
        if (!csrf) return;
        $("dashboard").classList.remove("d-none");
        if (!stopPolling) stopPolling = poll(refresh, REFRESH_MS);
      });
    } else {
      $("admin-password").focus();
    }
  }

  function duration(seconds) {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    if (d > 0) return d + " d " + h + " h";
    return h > 0 ? h + " h " + m + " min" : m + " min " + (seconds % 60) + " s";
  }

  /** An entry's time in the reader's time zone and language (its timestamp), else the server's horario. */
  function clock(entry) {
    const when = entry.timestamp ? new Date(entry.timestamp) : null;
    return when && !Number.isNaN(when.getTime())
      ? when.toLocaleTimeString(WebTalkI18n.language(), { hour: "2-digit", minute: "2-digit", second: "2-digit" })
      : entry.horario;
  }

  /** A recent-activity line in the reader's language by its tipo; the server's text for a tipo this page does not know. */
  function activityText(entry) {
    const key = "activity." + entry.tipo;
    return entry.tipo && WebTalkI18n.has(key) ? t(key, { room: entry.nome_sala || "", name: entry.nome_usuario || "" }) : entry.texto;
  }

  function mib(bytes) {
    return Math.round(bytes / 1048576);
  }

  async function refresh() {
    const answer = await admin("GET", "/api/admin/estatisticas");
    if (answer.status === 401) {
      recheckSession();
      return;
    }
    if (!answer.ok) {
      $("updated").textContent = t("admin.stale");
      return;
    }
    lastStats = answer.data;
    render(answer.data);
    const audit = await admin("GET", "/api/admin/auditoria");
    if (audit.ok) {
      $("audit").replaceChildren(...audit.data.slice(0, 15).map((e) => el("li", { className: "mb-1", dataset: { acao: e.acao } },
        el("span", { className: "text-body-secondary me-1" }, clock(e)), WebTalkAdminModeration.auditText(e))));
    }
  }

  function render(s) {
    for (const key of ["salas_ativas", "usuarios_online", "total_mensagens", "mensagens_ultima_hora", "total_salas", "conexoes"]) {
      $("stat-" + key).textContent = String(s[key]);
    }
    $("stat-uptime").textContent = duration(s.tempo_ativo_segundos);
    $("stat-memory").textContent = s.memoria.maxima_bytes > 0
      ? t("admin.memoryOf", { used: mib(s.memoria.usada_bytes), max: mib(s.memoria.maxima_bytes) })
      : mib(s.memoria.usada_bytes) + " MiB";
    $("updated").textContent = t("admin.updated", { time: new Date().toLocaleTimeString(WebTalkI18n.language()) });
    renderChart(s.mensagens_por_minuto);
    $("activity").replaceChildren(...s.atividade_recente.map((a) =>
      el("li", { className: "mb-1", dataset: { tipo: a.tipo || "" } }, el("span", { className: "text-body-secondary me-1" }, clock(a)), activityText(a))));
    $("admin-rooms").replaceChildren(...s.salas.map(roomRow));
    $("admin-rooms-empty").classList.toggle("d-none", s.salas.length > 0);
    const closed = s.salas_inativas || [];
    $("closed-rooms").replaceChildren(...closed.map(closedRoomRow));
    $("closed-rooms-empty").classList.toggle("d-none", closed.length > 0);
  }

  /** The room's own retention (POST /api/admin/salas/{id}/retencao), when it has one; null follows the setting. */
  function retentionBadge(room) {
    if (room.retencao_dias === null || room.retencao_dias === undefined) return null;
    return el("span", { className: "badge text-bg-light border ms-1 retention" }, t("admin.retentionOf", { days: room.retencao_dias }));
  }

  function retentionButton(room) {
    return el("button", { type: "button", className: "btn btn-sm btn-outline-secondary me-1 room-retention",
      dataset: { room: room.id, name: room.nome, days: room.retencao_dias === null || room.retencao_dias === undefined ? "" : String(room.retencao_dias) },
      "aria-label": t("admin.retentionNamed", { name: room.nome }), title: t("admin.retention") },
      el("i", { className: "bi bi-hourglass-split", "aria-hidden": "true" }), el("span", { className: "d-none d-lg-inline" }, " " + t("admin.retention")));
  }

  /** The room's own retention in a dialog: its own number of days, or the general setting (dias: null). */
  function askRetention(button) {
    pendingRetention = button.dataset.room;
    $("retention-room").textContent = button.dataset.name;
    const own = button.dataset.days !== "";
    $("retention-own").checked = own;
    $("retention-default").checked = !own;
    $("retention-days").value = own ? button.dataset.days : "";
    $("retention-days").disabled = !own;
    $("retention-form").classList.remove("was-validated");
    dialog("retention-modal").show();
  }

  async function saveRetention(event) {
    event.preventDefault();
    const own = $("retention-own").checked;
    const days = $("retention-days");
    days.required = own;
    if (own && !days.checkValidity()) {
      $("retention-form").classList.add("was-validated");
      days.focus();
      return;
    }
    $("retention-save").disabled = true;
    const answer = await admin("POST", "/api/admin/salas/" + encodeURIComponent(pendingRetention) + "/retencao",
      { dias: own ? Number(days.value) : null });
    $("retention-save").disabled = false;
    dialog("retention-modal").hide();
    told(answer, "done.retention");
  }

  /** Download links for the room's transcript: GET with the session cookie, so no script is needed to fetch them. */
  function exportLinks(room) {
    const base = "/api/admin/salas/" + encodeURIComponent(room.id) + "/exportar?formato=";
    return [["json", "admin.exportJson", "bi-filetype-json"], ["texto", "admin.exportText", "bi-filetype-txt"]].map(([format, label, icon]) =>
      el("a", { className: "btn btn-sm btn-outline-secondary me-1 export-room", href: base + format, download: "", dataset: { format },
        "aria-label": t("admin.exportNamed", { name: room.nome, format: t(label) }), title: t("admin.export") + " " + t(label) },
        el("i", { className: "bi " + icon, "aria-hidden": "true" }), el("span", { className: "d-none d-md-inline" }, " " + t(label))));
  }

  function closedRoomRow(room) {
    return el("tr", { dataset: { room: room.id } },
      el("td", {}, el("span", { className: "room-name" }, room.nome), " ", el("code", { className: "small" }, room.id),
        retentionBadge(room)),
      el("td", { className: "text-center messages" }, String(room.total_mensagens)),
      el("td", { className: "small" }, new Date(room.ultima_atividade).toLocaleString(WebTalkI18n.language())),
      el("td", { className: "text-end room-actions" }, retentionButton(room), ...exportLinks(room),
        el("button", { type: "button", className: "btn btn-sm btn-outline-primary reopen-room", dataset: { room: room.id },
          "aria-label": t("admin.reopenNamed", { name: room.nome }) },
          el("i", { className: "bi bi-door-open", "aria-hidden": "true" }), el("span", { className: "d-none d-sm-inline" }, " " + t("admin.reopen")))));
  }

  /** A room action's answer: a lost session asks to log in again; otherwise what happened, and the fresh state. */
  function told(answer, doneKey) {
    if (answer.status === 401 || answer.data.codigo === "csrf_invalido") {
      recheckSession();
      return;
    }
    showAlert($("admin-alert"), WebTalkI18n.outcome(answer, doneKey), answer.ok ? "success" : "danger", true);
    refresh();
  }

  async function reopen(room) {
    const answer = await admin("POST", "/api/admin/salas/" + encodeURIComponent(room) + "/reabrir", {});
    told(answer, "done.roomReopened");
  }

  function roomRow(room) {
    return el("tr", { dataset: { room: room.id } },
      el("td", {}, el("span", { className: "room-name" }, room.nome), " ", el("code", { className: "small" }, room.id),
        retentionBadge(room)),
      el("td", { className: "text-center online" }, String(room.usuarios_online)),
      el("td", { className: "text-center messages" }, String(room.total_mensagens)),
      // The actions wrap (on a phone, under each other) rather than squeeze the name into pieces of words.
      el("td", { className: "text-end room-actions" }, WebTalkAdminModeration.button(room), retentionButton(room), ...exportLinks(room),
        el("button", { type: "button", className: "btn btn-sm btn-outline-secondary me-1 close-room", dataset: { room: room.id, name: room.nome },
          "aria-label": t("admin.closeRoomNamed", { name: room.nome }) },
          el("i", { className: "bi bi-door-closed", "aria-hidden": "true" }), el("span", { className: "d-none d-sm-inline" }, " " + t("admin.closeRoom"))),
        el("button", { type: "button", className: "btn btn-sm btn-outline-danger delete-room", dataset: { room: room.id, name: room.nome },
          "aria-label": t("admin.deleteNamed", { name: room.nome }) },
          el("i", { className: "bi bi-trash", "aria-hidden": "true" }), el("span", { className: "d-none d-sm-inline" }, " " + t("admin.delete")))));
  }

  const AXIS_FONT = "12px system-ui, sans-serif";

  function timeLabel(seconds) {
    return new Date(seconds * 1000).toLocaleTimeString(WebTalkI18n.language(), { hour: "2-digit", minute: "2-digit" });
  }

  /**
   * The room between two time ticks: the widest label in this language plus a gap, measured in the
   * axis' font, so that "12:55 PM" gets more room than "12:55" and labels never overlap (issue #15).
   * The chart is made again when the language changes.
   */
  function timeLabelSpace() {
    const context = document.createElement("canvas").getContext("2d");
    context.font = AXIS_FONT;
    const widest = Math.max(...[0, 11, 12, 23].map((hour) => context.measureText(timeLabel(Date.UTC(2026, 0, 1, hour, 58) / 1000)).width));
    return Math.ceil(widest) + 24;
  }

  /** Messages per minute over the last hour as bars (uPlot from its WebJar; canvas, CSP-safe). */
  function renderChart(series) {
    const xs = series.map((p) => Math.floor(new Date(p.minuto).getTime() / 1000));
    const ys = series.map((p) => p.total);
    const box = $("chart");
    box.dataset.points = String(series.length);
    const peak = series.reduce((best, p) => (p.total > best.total ? p : best), { total: 0, minuto: null });
    const total = ys.reduce((a, b) => a + b, 0);
    $("chart-summary").textContent = peak.minuto
      ? t("admin.chartSummary", { total, peak: peak.total, at: new Date(peak.minuto).toLocaleTimeString(WebTalkI18n.language(), { hour: "2-digit", minute: "2-digit" }) })
      : t("admin.chartEmpty");
    box.setAttribute("aria-label", t("admin.chart"));
    if (typeof uPlot === "undefined") return;
    const data = [xs, ys];
    lastSeries = series;
    if (chart) {
      chart.setData(data);
      return;
    }
    const primary = getComputedStyle(document.documentElement).getPropertyValue("--bs-primary").trim() || "#0d6efd";
    const muted = getComputedStyle(document.documentElement).getPropertyValue("--bs-secondary-color").trim() || "#6c757d";
    chart = new uPlot({
      width: Math.max(200, box.clientWidth),
      height: 180,
      legend: { show: false },
      cursor: { y: false, points: { show: false } },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, max)] } },
      axes: [
        { stroke: muted, grid: { stroke: "rgba(128,128,128,.15)" }, font: AXIS_FONT, space: timeLabelSpace(), values: (u, ticks) => ticks.map(timeLabel) },
        { stroke: muted, grid: { stroke: "rgba(128,128,128,.15)" }, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], size: 44 },
      ],
      series: [
        {},
        { label: t("admin.chart"), fill: primary, stroke: primary, width: 0, paths: uPlot.paths.bars({ size: [0.8, 24] }), points: { show: false } },
      ],
    }, data, box);
    if (!resizeWatch) {
      resizeWatch = new ResizeObserver(() => { if (chart) chart.setSize({ width: Math.max(200, box.clientWidth), height: 180 }); });
      resizeWatch.observe(box);
    }
  }

  async function loadSettings() {
    const answer = await admin("GET", "/api/admin/configuracoes");
    if (!answer.ok) return;
    $("settings-fields").replaceChildren(...SETTINGS.map(([key, min, max]) => min === undefined
      ? el("div", { className: "form-check mb-2" },
          el("input", { id: "set-" + key, type: "checkbox", className: "form-check-input", checked: answer.data[key] }),
          el("label", { for: "set-" + key, className: "form-check-label small", "data-i18n": "set." + key }, t("set." + key)))
      : el("div", { className: "mb-2" },
          el("label", { for: "set-" + key, className: "form-label small mb-0", "data-i18n": "set." + key }, t("set." + key)),
          el("input", { id: "set-" + key, type: "number", inputmode: "numeric", className: "form-control form-control-sm", value: String(answer.data[key]),
            min: String(min), max: String(max), step: "1", required: true, "aria-describedby": "help-" + key }),
          el("div", { id: "help-" + key, className: "form-text mt-0" },
            t("admin.range", { min, max }) + (key === "timeout_sala" ? " · " + t("admin.timeoutHelp") : "")))));
  }

  function ask(action, room, name) {
    pendingAction = { action, room };
    const deleting = action === "delete";
    $("confirm-title").textContent = t(deleting ? "admin.delete" : "admin.closeRoomTitle");
    $("confirm-text").textContent = t(deleting ? "admin.confirmDelete" : "admin.confirmClose", { name });
    $("confirm-delete").textContent = t(deleting ? "admin.confirmDeleteButton" : "admin.confirmCloseButton");
    dialog("confirm-modal").show();
  }

  async function confirmed() {
    const { action, room } = pendingAction;
    $("confirm-delete").disabled = true;
    const answer = action === "delete"
      ? await admin("DELETE", "/api/admin/salas/" + encodeURIComponent(room))
      : await admin("POST", "/api/admin/salas/" + encodeURIComponent(room) + "/encerrar", {});
    $("confirm-delete").disabled = false;
    dialog("confirm-modal").hide();
    told(answer, action === "delete" ? "done.roomDeleted" : "done.roomClosed");
  }

  async function saveSettings(event) {
    event.preventDefault();
    const form = $("settings-form");
    form.classList.add("was-validated");
    if (!form.checkValidity()) {
      const bad = form.querySelector(":invalid");
      if (bad) bad.focus();
      return;
    }
    const body = {};
    for (const [key, min] of SETTINGS) {
      const input = $("set-" + key);
      body[key] = min === undefined ? input.checked : Number(input.value);
    }
    if ($("set-senha_admin").value) {
      body.senha_admin = $("set-senha_admin").value;
      body.senha_atual = $("set-senha_atual").value;
    }
    const answer = await admin("POST", "/api/admin/configuracoes", body);
    if (answer.status === 401 || answer.data.codigo === "csrf_invalido") {
      recheckSession();
      return;
    }
    if (answer.data.codigo === "senha_atual_incorreta") {
      showAlert($("settings-alert"), t("admin.wrongCurrentPassword"), "danger", true);
      $("set-senha_atual").value = "";
      $("set-senha_atual").focus();
      return;
    }
    showAlert($("settings-alert"), WebTalkI18n.outcome(answer, "admin.saved"), answer.ok ? "success" : "danger", true);
    if (answer.ok) {
      $("set-senha_admin").value = "";
      $("set-senha_atual").value = "";
      toggleCurrentPassword();
      form.classList.remove("was-validated");
    }
  }

  /** The current password is asked for only when a new one is typed (the server refuses the change without it). */
  function toggleCurrentPassword() {
    const changing = $("set-senha_admin").value !== "";
    $("current-password-group").classList.toggle("d-none", !changing);
    $("set-senha_atual").required = changing;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    wirePasswordToggles();
    WebTalkAdminModeration.init({ request: admin, told });
    $("set-senha_admin").addEventListener("input", toggleCurrentPassword);
    $("login-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = $("login-form").querySelector("button[type=submit]");
      button.disabled = true;
      const answer = await api("POST", "/api/admin/login", { senha: $("admin-password").value });
      button.disabled = false;
      if (!answer.ok) {
        showAlert($("login-alert"), WebTalkI18n.server(answer.data));
        $("admin-password").select();
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
      if (chart) { chart.destroy(); chart = null; }
      show(false);
    });
    for (const table of ["admin-rooms", "closed-rooms"]) {
      $(table).addEventListener("click", (event) => {
        const button = event.target.closest(".room-retention");
        if (button) askRetention(button);
      });
    }
    for (const mode of ["retention-own", "retention-default"]) {
      $(mode).addEventListener("change", () => {
        $("retention-days").disabled = !$("retention-own").checked;
        if ($("retention-own").checked) $("retention-days").focus();
      });
    }
    $("retention-form").addEventListener("submit", saveRetention);
    $("admin-rooms").addEventListener("click", (event) => {
      const remove = event.target.closest(".delete-room");
      const close = event.target.closest(".close-room");
      const moderate = event.target.closest(".moderate-room");
      if (moderate) WebTalkAdminModeration.open(moderate.dataset.room, moderate.dataset.name);
      else if (remove) ask("delete", remove.dataset.room, remove.dataset.name);
      else if (close) ask("close", close.dataset.room, close.dataset.name);
    });
    $("closed-rooms").addEventListener("click", (event) => {
      const button = event.target.closest(".reopen-room");
      if (button) reopen(button.dataset.room);
    });
    $("confirm-delete").addEventListener("click", confirmed);
    $("settings-form").addEventListener("submit", saveSettings);
    document.addEventListener("webtalk:language", () => {
      if (!csrf) return;
      if (chart) { chart.destroy(); chart = null; }
      if (lastStats) render(lastStats);
      loadSettings();
    });
    await recheckSession();
  });
  // The chart's labels are drawn on a canvas: the page tests read them from the uPlot instance.
  window.WebTalkAdmin = { chart: () => chart };
})();
