// Opt-in browser notifications in a room. The bell (#notify-toggle) asks the browser's permission
// only when clicked; once on, a message that mentions me, or any message while the tab is hidden,
// shows a notification (clicking it brings the tab back) and plays a short beep (WebAudio, no file).
// While hidden, the unread count also goes on the installed app's icon (navigator.setAppBadge);
// chat.js keeps the count in the title. The choice is remembered in this browser.
// Takes the room's socket from chat.js's "webtalk:joined" event, like polls.js.
(function () {
  "use strict";
  const KEY = "webtalk.notify";
  const BODY_MAX = 140;
  const t = (key, vars) => WebTalkI18n.t(key, vars);
  const $ = (id) => document.getElementById(id);
  const norm = (name) => String(name || "").normalize("NFKC").toLowerCase().trim();

  WebTalkI18n.add({
    "pt-BR": {
      "notify.turnOn": "Ativar notificações de menções e de mensagens com a aba em segundo plano",
      "notify.turnOff": "Notificações ativadas. Desativar",
      "notify.blocked": "Notificações bloqueadas neste navegador: libere-as nas configurações do site (ícone ao lado do endereço) para ativar",
      "notify.unsupported": "Este navegador não mostra notificações",
      "notify.on": "Notificações ativadas: você será avisado de menções e de mensagens enquanto a aba estiver em segundo plano.",
      "notify.title": "{name} em {room}",
      "notify.mention": "{name} mencionou você em {room}",
    },
    en: {
      "notify.turnOn": "Turn on notifications for mentions and for messages while the tab is in the background",
      "notify.turnOff": "Notifications are on. Turn off",
      "notify.blocked": "Notifications are blocked in this browser: allow them in the site settings (the icon next to the address) to turn them on",
      "notify.unsupported": "This browser does not show notifications",
      "notify.on": "Notifications on: you will be told about mentions and about messages while the tab is in the background.",
      "notify.title": "{name} in {room}",
      "notify.mention": "{name} mentioned you in {room}",
    },
  });

  const supported = "Notification" in window;
  const sockets = new WeakSet();
  let me = "";
  let unread = 0;
  let audio = null;

  function wanted() {
    try {
      return localStorage.getItem(KEY) === "on";
    } catch (e) {
      return false;
    }
  }

  function remember(on) {
    try {
      if (on) localStorage.setItem(KEY, "on"); else localStorage.removeItem(KEY);
    } catch (e) {
      // not remembered: on for this page only
    }
  }

  function permission() {
    return supported ? Notification.permission : "unsupported";
  }

  function active() {
    return wanted() && permission() === "granted";
  }

  function render() {
    const button = $("notify-toggle");
    if (!button) return;
    const state = permission() === "unsupported" ? "unsupported"
      : permission() === "denied" ? "blocked" : active() ? "on" : "off";
    const text = t({ unsupported: "notify.unsupported", blocked: "notify.blocked", on: "notify.turnOff", off: "notify.turnOn" }[state]);
    button.setAttribute("aria-label", text);
    button.title = text;
    button.setAttribute("aria-pressed", String(state === "on"));
    button.dataset.state = state;
    button.querySelector("i").className = "bi " + (state === "on" ? "bi-bell-fill" : state === "off" ? "bi-bell" : "bi-bell-slash");
  }

  /** The AudioContext may only start from a user's gesture: made on the bell's click (or any later one). */
  function unlockSound() {
    if (!active()) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === "suspended") audio.resume().catch(() => null);
  }

  /** Two short soft tones. */
  function beep() {
    if (!audio || audio.state !== "running") return;
    const now = audio.currentTime;
    [[880, 0], [1320, 0.12]].forEach(([frequency, at]) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.15, now + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.11);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + at);
      tone.stop(now + at + 0.12);
    });
  }

  async function onBell() {
    if (permission() === "unsupported") return;
    if (permission() === "denied") {
      WebTalk.showAlert($("chat-alert"), t("notify.blocked"), "warning", true);
      render();
      return;
    }
    if (active()) {
      remember(false);
      render();
      return;
    }
    remember(true);
    // Asked here and only here: a click on the bell is the user asking for it.
    if (Notification.permission === "default") await Notification.requestPermission();
    if (Notification.permission !== "granted") remember(false);
    if (Notification.permission === "denied") WebTalk.showAlert($("chat-alert"), t("notify.blocked"), "warning", true);
    if (active()) {
      WebTalk.showAlert($("chat-alert"), t("notify.on"), "success", true);
      unlockSound();
    }
    render();
  }

  function badge() {
    if (!("setAppBadge" in navigator)) return;
    const done = unread > 0 ? navigator.setAppBadge(unread) : navigator.clearAppBadge();
    done.catch(() => null); // not installed, or the platform has no badges
  }

  function onMessage(m) {
    if (!m || m.historico || norm(m.nome_usuario) === norm(me)) return;
    const mention = (m.mencoes || []).some((name) => norm(name) === norm(me));
    if (document.hidden) {
      unread++;
      badge();
    }
    if (!active() || !(document.hidden || mention)) return;
    const room = ($("room-name") && $("room-name").textContent.trim()) || "WebTalk";
    const text = String(m.mensagem || "");
    const note = new Notification(t(mention ? "notify.mention" : "notify.title", { name: m.nome_usuario, room }), {
      body: text.length > BODY_MAX ? text.slice(0, BODY_MAX - 1) + "…" : text,
      icon: "/icons/icon-192.png",
      lang: WebTalkI18n.language(),
      tag: "webtalk-" + m.id,
    });
    note.onclick = () => {
      window.focus();
      note.close();
    };
    beep();
  }

  document.addEventListener("webtalk:joined", (event) => {
    me = event.detail.me || "";
    const socket = event.detail.socket;
    if (sockets.has(socket)) return;
    sockets.add(socket);
    socket.on("mensagem_chat", onMessage);
  });

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && unread) {
      unread = 0;
      badge();
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const button = $("notify-toggle");
    if (!button) return;
    button.addEventListener("click", onBell);
    // After a reload the sound needs a new gesture: the first click or key anywhere gives it.
    document.addEventListener("pointerdown", unlockSound, { once: true });
    document.addEventListener("keydown", unlockSound, { once: true });
    document.addEventListener("webtalk:language", render);
    // Allowed or blocked later in the site's settings: the bell follows without a reload.
    if (navigator.permissions) {
      navigator.permissions.query({ name: "notifications" }).then((status) => { status.onchange = render; }).catch(() => null);
    }
    render();
  });
})();
