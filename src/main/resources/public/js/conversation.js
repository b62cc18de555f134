// The conversation's layout, as Slack, Discord and Mattermost draw it: consecutive messages of one
// author within a few minutes form a run (name, avatar and time shown once; each time on hover or
// focus), a separator starts each day ("Hoje", "Ontem", then weekday and date, the year only when
// not this one), each person has a colour and an initials avatar, a short conversation sits at the
// bottom, older pages load before the top is reached, and an unread divider marks the first message
// that arrived since my last visit (the last id I saw is kept per room in localStorage).
//
// chat.js, polls.js and messages.js put messages into #messages; this file watches that list and
// lays it out again after every change, so none of them has to know about runs or days. Dates and
// times are in the reader's language and time zone (Intl).
(function () {
  "use strict";
  const { el } = window.WebTalk;
  const t = WebTalkI18n.t;
  const RUN_GAP_MS = 5 * 60 * 1000;
  const PALETTE_SIZE = 12; // .person-0 … .person-11 in app.css, each readable in light and dark themes
  const READ_KEY = "webtalk.read";
  const READ_ROOMS_KEPT = 100; // the last-read ids of at most this many rooms stay in localStorage
  const MAX_PAGES_TO_UNREAD = 40;
  const FILL_AFTER_QUIET_MS = 300;

  WebTalkI18n.add({
    "pt-BR": {
      "conv.today": "Hoje",
      "conv.yesterday": "Ontem",
      "conv.unread": "Novas mensagens",
      "conv.jumpUnread": "{n} novas mensagens",
      "conv.jumpUnreadLabel": "Ir para a primeira mensagem não lida ({n})",
    },
    en: {
      "conv.today": "Today",
      "conv.yesterday": "Yesterday",
      "conv.unread": "New messages",
      "conv.jumpUnread": "{n} new messages",
      "conv.jumpUnreadLabel": "Go to the first unread message ({n})",
    },
  });

  const box = () => document.getElementById("messages");
  const roomId = decodeURIComponent(window.location.pathname.split("/").pop());
  const nameKey = (name) => String(name || "").normalize("NFKC").toLowerCase().trim();

  // ---- people: colour and avatar ----

  /** The same name always gets the same colour (FNV-1a of its key), on every page and browser. */
  function colourIndex(name) {
    let hash = 0x811c9dc5;
    for (const ch of nameKey(name)) {
      hash ^= ch.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % PALETTE_SIZE;
  }

  /** "Ana Maria" → "AM", "bia" → "B", "joão.silva" → "JS" (whole characters, emoji included). */
  function initials(name) {
    const words = String(name || "").trim().split(/[\s._-]+/).filter(Boolean);
    const first = (word) => [...word][0] || "";
    const letters = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0] || "?");
    return letters.toLocaleUpperCase();
  }

  // ---- dates in the reader's language and time zone ----

  function locale() {
    if (WebTalkI18n.language() !== "en") return WebTalkI18n.language();
    return (navigator.languages || []).find((l) => l.toLowerCase().startsWith("en")) || "en";
  }

  const dayKey = (date) => date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" + String(date.getDate()).padStart(2, "0");

  function dayLabel(date) {
    const today = new Date();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (dayKey(date) === dayKey(today)) return t("conv.today");
    if (dayKey(date) === dayKey(yesterday)) return t("conv.yesterday");
    const options = { weekday: "long", day: "numeric", month: "long" };
    if (date.getFullYear() !== today.getFullYear()) options.year = "numeric";
    const label = new Intl.DateTimeFormat(locale(), options).format(date);
    return label.charAt(0).toLocaleUpperCase() + label.slice(1);
  }

  const timeFormats = new Map(); // locale -> its formatter (made once: a long conversation formats many times)
  function timeText(date) {
    const at = locale();
    if (!timeFormats.has(at)) timeFormats.set(at, new Intl.DateTimeFormat(at, { hour: "2-digit", minute: "2-digit" }));
    return timeFormats.get(at).format(date);
  }

  // ---- one message ----

  const isMessage = (node) => node.matches("article.message");

  function authorOf(node) {
    const author = node.querySelector(".author");
    return node.dataset.author || (author ? author.textContent : "");
  }

  /** When the message was sent (a pending one: when it was written). */
  function sentAt(node) {
    const time = node.querySelector("time");
    const at = Date.parse((time && time.dateTime) || node.dataset.created || "");
    if (!Number.isNaN(at)) return at;
    if (!node.dataset.convAt) node.dataset.convAt = String(Date.now());
    return Number(node.dataset.convAt);
  }

  /** Gives a new message its avatar and colour, once. */
  function dress(node) {
    if (node.dataset.conv) return;
    node.dataset.conv = "1";
    const name = authorOf(node);
    node.classList.add("person-" + colourIndex(name));
    node.prepend(el("span", { className: "avatar", "aria-hidden": "true" }, initials(name)));
    showTime(node);
  }

  /** The day is in the separator above, so a message shows only its time (the full date in its tooltip). */
  function showTime(node) {
    const time = node.querySelector("time.when");
    const at = time && Date.parse(time.dateTime);
    if (at) time.textContent = timeText(new Date(at));
  }

  // ---- the unread divider ----

  function readIds() {
    try {
      return JSON.parse(localStorage.getItem(READ_KEY)) || {};
    } catch (e) {
      return {};
    }
  }

  /** The last message id I saw in this room, or null on a first visit. */
  function lastRead() {
    const entry = readIds()[roomId];
    return entry ? entry[0] : null;
  }

  function saveRead(id) {
    const all = readIds();
    if (all[roomId] && all[roomId][0] >= id) return;
    all[roomId] = [id, Date.now()];
    const rooms = Object.keys(all).sort((a, b) => all[b][1] - all[a][1]);
    for (const old of rooms.slice(READ_ROOMS_KEPT)) delete all[old];
    try {
      localStorage.setItem(READ_KEY, JSON.stringify(all));
    } catch (e) {
      // storage full or denied: the divider just will not survive this visit
    }
  }

  const view = {
    readMark: lastRead(), // the divider goes after this id for the whole visit
    unreadSeen: false, // the divider has been on screen once: the jump button is done
    atBottom: true,
    lastScrollTop: 0,
    observer: null,
    fillTimer: null,
  };

  const mine = (node) => node.classList.contains("mine");

  const loadedMessages = () => [...box().querySelectorAll("article.message[data-id]")];

  /** The first message after my mark that someone else wrote (the divider goes above it), or null. */
  function firstUnread() {
    if (view.readMark === null) return null;
    return loadedMessages().find((node) => Number(node.dataset.id) > view.readMark && !mine(node)) || null;
  }

  /** Whether the last message I had seen is on the page (or nothing older exists): the divider's place is known. */
  function readMarkLoaded() {
    const chat = window.WebTalkChat;
    return loadedMessages().some((node) => Number(node.dataset.id) <= view.readMark) || !(chat && chat.hasOlder());
  }

  function placeDivider() {
    const target = firstUnread();
    let divider = document.getElementById("unread-divider");
    if (!target || !readMarkLoaded()) {
      if (divider) divider.remove();
      return;
    }
    if (!divider) {
      divider = el("div", { id: "unread-divider", className: "unread-divider", tabindex: "-1" },
        el("span", { dataset: { i18n: "conv.unread" } }, t("conv.unread")));
    }
    if (divider.nextElementSibling !== target) box().insertBefore(divider, target);
  }

  /** Marks as read what has been on screen while the page was visible. */
  function markRead() {
    if (document.hidden) return;
    const list = box();
    const bottom = list.getBoundingClientRect().bottom;
    const messages = list.querySelectorAll("article.message[data-id]");
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i].getBoundingClientRect().top < bottom) {
        saveRead(Number(messages[i].dataset.id));
        return;
      }
    }
  }

  /** Ids are counted per room without gaps, so the newest id tells how many came after my mark. */
  function unreadCount() {
    const ids = loadedMessages().map((node) => Number(node.dataset.id));
    return ids.length ? Math.max(0, Math.max(...ids) - view.readMark) : 0;
  }

  function dividerInView() {
    const divider = document.getElementById("unread-divider");
    if (!divider) return false;
    const list = box().getBoundingClientRect();
    const rect = divider.getBoundingClientRect();
    return rect.bottom > list.top && rect.top < list.bottom;
  }

  /**
   * The "jump to first unread" button shows while there is something unread above what is on
   * screen (the divider above, or not loaded yet), until I have scrolled up to it or jumped.
   */
  function updateJumpToUnread() {
    const button = document.getElementById("jump-unread");
    if (!button) return;
    const divider = document.getElementById("unread-divider");
    const above = divider ? divider.getBoundingClientRect().bottom <= box().getBoundingClientRect().top : firstUnread() !== null;
    const show = !view.unreadSeen && above;
    button.classList.toggle("d-none", !show);
    if (show) {
      const n = unreadCount();
      button.querySelector(".count").textContent = t("conv.jumpUnread", { n });
      button.setAttribute("aria-label", t("conv.jumpUnreadLabel", { n }));
    }
  }

  function smoothly() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  }

  /** Pages older history in (bounded) until the message before the divider is here, then shows the divider. */
  async function jumpToUnread() {
    const chat = window.WebTalkChat;
    for (let page = 0; !readMarkLoaded() && page < MAX_PAGES_TO_UNREAD; page++) {
      const count = loadedMessages().length;
      await chat.loadOlder();
      if (loadedMessages().length === count) await new Promise((resolve) => setTimeout(resolve, 100)); // a page already on its way
    }
    relayout();
    const divider = document.getElementById("unread-divider");
    if (!divider) return;
    const list = box();
    list.scrollTo({ top: list.scrollTop + divider.getBoundingClientRect().top - list.getBoundingClientRect().top - 8, behavior: smoothly() });
    divider.focus({ preventScroll: true });
    view.unreadSeen = true;
    updateJumpToUnread();
  }

  // ---- runs and days ----

  function separator(day, date) {
    return el("div", { className: "day-separator", dataset: { day } },
      el("time", { datetime: day }, dayLabel(date)));
  }

  /**
   * Lays the list out again: day separators where the day changes, runs of one author, the unread
   * divider. Runs are broken by anything that is not a message (a notice, a poll, the divider), a
   * reply, a new day, or more than RUN_GAP_MS of silence.
   */
  function layout() {
    placeDivider();
    const list = box();
    const used = new Set();
    let day = null;
    let run = null; // { key, at } of the message before, while a run may go on
    for (const node of [...list.children]) {
      if (node.classList.contains("day-separator")) continue;
      const dated = isMessage(node) || node.matches("article.poll");
      if (dated) {
        const date = new Date(sentAt(node));
        const key = dayKey(date);
        if (key !== day) {
          day = key;
          run = null;
          const before = node.previousElementSibling && node.previousElementSibling.id === "unread-divider" ? node.previousElementSibling : node;
          let mark = before.previousElementSibling;
          if (!mark || !mark.classList.contains("day-separator") || mark.dataset.day !== key) {
            mark = separator(key, date);
            list.insertBefore(mark, before);
          } else {
            mark.firstChild.textContent = dayLabel(date);
          }
          used.add(mark);
        }
      }
      if (!isMessage(node)) {
        run = null;
        continue;
      }
      dress(node);
      const at = sentAt(node);
      const key = nameKey(authorOf(node));
      const continues = run !== null && run.key === key && at - run.at <= RUN_GAP_MS && !node.querySelector(".quote");
      node.classList.toggle("continued", continues);
      run = { key, at };
    }
    for (const mark of list.querySelectorAll(":scope > .day-separator")) {
      if (!used.has(mark)) mark.remove();
    }
  }

  /** Lays out while keeping what is on screen where it was (or the bottom in view, if it was). */
  function relayout() {
    const list = box();
    const wasAtBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= 2;
    const top = list.getBoundingClientRect().top;
    const anchor = wasAtBottom ? null : [...list.children].find((node) => node.getBoundingClientRect().bottom > top);
    const before = anchor ? anchor.getBoundingClientRect().top : 0;
    layout();
    if (view.observer) view.observer.takeRecords(); // our own changes
    if (wasAtBottom) list.scrollTop = list.scrollHeight;
    else if (anchor && anchor.isConnected) list.scrollTop += anchor.getBoundingClientRect().top - before;
    fillScreen();
    markRead();
    updateJumpToUnread();
  }

  /**
   * A conversation shorter than the screen cannot be scrolled up (2 px over it counts as at the
   * bottom, see onScroll): fetch older pages until it fills it. Checked once the list has been
   * quiet for a moment, as history arrives one message at a time.
   */
  function fillScreen() {
    clearTimeout(view.fillTimer);
    view.fillTimer = setTimeout(() => {
      const list = box();
      const chat = window.WebTalkChat;
      if (chat && list.scrollHeight - list.clientHeight <= 2 && list.querySelector("article.message[data-id]") && chat.hasOlder()) chat.loadOlder();
    }, FILL_AFTER_QUIET_MS);
  }

  function onScroll() {
    const list = box();
    const up = list.scrollTop < view.lastScrollTop;
    view.lastScrollTop = list.scrollTop;
    view.atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= 2;
    // Scrolling back: the next older page is fetched a screen before the top, so it is there on arrival.
    // Still at the bottom is not scrolling back: the list grew taller (the window, an alert gone) and
    // the browser moved the scroll up to keep the newest message in view.
    if (up && !view.atBottom && list.scrollTop < list.clientHeight && window.WebTalkChat) window.WebTalkChat.loadOlder();
    if (up && dividerInView()) view.unreadSeen = true;
    markRead();
    updateJumpToUnread();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const list = box();
    if (!list) return;
    const wrap = list.parentElement;
    wrap.append(el("button", { type: "button", id: "jump-unread", className: "btn btn-sm btn-danger shadow jump-unread d-none" },
      el("span", { "aria-hidden": "true" }, "↑ "), el("span", { className: "count" })));
    document.getElementById("jump-unread").addEventListener("click", jumpToUnread);
    view.observer = new MutationObserver(relayout);
    view.observer.observe(list, { childList: true });
    list.addEventListener("scroll", onScroll, { passive: true });
    // The keyboard opening or the window shrinking keeps the newest message in view.
    new ResizeObserver(() => { if (view.atBottom) list.scrollTop = list.scrollHeight; }).observe(list);
    document.addEventListener("visibilitychange", () => {
      // Away, with no divider still to be seen: what arrives until I come back gets the divider.
      if (document.hidden && (view.unreadSeen || !document.getElementById("unread-divider"))) {
        view.readMark = lastRead();
        view.unreadSeen = false;
      } else if (!document.hidden) {
        relayout();
      }
    });
    document.addEventListener("webtalk:language", () => {
      list.querySelectorAll("article.message").forEach(showTime);
      relayout();
    });
  });

  window.WebTalkConversation = { colourIndex, initials, dayLabel };
})();
