// The composer on phones and with emoji: on a touch screen Enter makes a new line and the send
// button sends (a desktop keeps Enter to send, Shift+Enter for a new line, in chat.js); the page is
// fitted to the visual viewport so the composer stays above the on-screen keyboard; and a small
// emoji picker (a fixed list, no library) inserts at the cursor, usable from the keyboard alone.
(function () {
  "use strict";
  const { el } = window.WebTalk;
  const t = WebTalkI18n.t;
  const $ = (id) => document.getElementById(id);
  const EMOJI = ["😀", "😂", "🙂", "😊", "😉", "😍", "😎", "🤔", "😅", "🤣", "😢", "😮", "😡", "🥳", "🙏", "👍",
    "👎", "👏", "🙌", "👋", "💪", "🤝", "👀", "🎉", "❤️", "🔥", "✨", "💯", "✅", "❌", "⭐", "💡",
    "📚", "✏️", "🎓", "⏰", "☕", "🍕", "⚽", "🚀"];
  const COLUMNS = 8; // the grid's width in app.css (.emoji-panel), for Up and Down

  WebTalkI18n.add({
    "pt-BR": {
      "conv.emoji": "Inserir emoji",
      "conv.emojiList": "Emojis",
      "conv.insert": "Inserir {emoji}",
      "conv.touchHint": "Enter quebra a linha · toque em Enviar para enviar",
      "conv.langShort": "EN",
    },
    en: {
      "conv.emoji": "Insert emoji",
      "conv.emojiList": "Emoji",
      "conv.insert": "Insert {emoji}",
      "conv.touchHint": "Enter adds a line · tap Send to send",
      "conv.langShort": "PT",
    },
  });

  /** A phone or tablet: its main pointer is a finger and it cannot hover. Asked at each key, as it may change. */
  const touchScreen = () => window.matchMedia("(pointer: coarse)").matches;

  // ---- Enter on a touch screen ----

  /**
   * Runs before chat.js's own key handler (capture phase on the document): on a touch screen an Enter
   * is stopped from reaching it, so the textarea gets its new line and only the send button sends.
   */
  function onKeyCapture(event) {
    if (event.target.id === "message-input" && event.key === "Enter" && !event.shiftKey && touchScreen()) {
      event.stopImmediatePropagation();
    }
  }

  function describeKeys() {
    const touch = touchScreen();
    const input = $("message-input");
    input.enterKeyHint = touch ? "enter" : "send";
    const hint = $("composer-hint");
    hint.dataset.i18n = touch ? "conv.touchHint" : "chat.hint";
    hint.textContent = t(hint.dataset.i18n);
  }

  // ---- the on-screen keyboard ----

  /**
   * Chrome on Android resizes the page for the keyboard (interactive-widget=resizes-content in the
   * viewport meta); Safari on iOS only shrinks the visual viewport, so the page takes its height
   * there. A pinch zoom also shrinks it, and is left alone.
   */
  function fitToVisualViewport() {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const fit = () => {
      if (Math.abs(viewport.scale - 1) < 0.01 && viewport.height < window.innerHeight - 1) {
        document.body.style.setProperty("--chat-height", viewport.height + "px");
        if (window.scrollY) window.scrollTo(0, 0); // Safari scrolls the page up behind the keyboard
      } else {
        document.body.style.removeProperty("--chat-height");
      }
    };
    viewport.addEventListener("resize", fit);
    viewport.addEventListener("scroll", fit);
    fit();
  }

  // ---- the emoji picker ----

  function insertAtCursor(input, text) {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    input.setRangeText(text, start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true })); // chat.js: counter, height, typing
  }

  function emojiButtons() {
    return [...$("emoji-panel").querySelectorAll("button")];
  }

  function openPicker() {
    $("emoji-panel").classList.remove("d-none");
    $("emoji-open").setAttribute("aria-expanded", "true");
    const current = emojiButtons().find((b) => b.tabIndex === 0);
    current.focus();
  }

  function closePicker(focusBack) {
    if ($("emoji-panel").classList.contains("d-none")) return;
    $("emoji-panel").classList.add("d-none");
    $("emoji-open").setAttribute("aria-expanded", "false");
    if (focusBack) $("emoji-open").focus();
  }

  /** Arrow keys, Home and End move in the grid (one tab stop for all of it); Escape closes it. */
  function onPickerKey(event) {
    const buttons = emojiButtons();
    const at = buttons.indexOf(document.activeElement);
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    let next = null;
    if (event.key in moves) next = Math.min(buttons.length - 1, Math.max(0, at + moves[event.key]));
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    else if (event.key === "Escape") {
      event.preventDefault();
      closePicker(true);
      return;
    }
    if (next === null || at < 0) return;
    event.preventDefault();
    buttons[at].tabIndex = -1;
    buttons[next].tabIndex = 0;
    buttons[next].focus();
  }

  function buildPicker() {
    const toggle = el("button", { type: "button", id: "emoji-open", className: "btn btn-outline-secondary emoji-open",
      "aria-expanded": "false", "aria-controls": "emoji-panel", "aria-label": t("conv.emoji"), title: t("conv.emoji"),
      dataset: { i18nAria: "conv.emoji", i18nTitle: "conv.emoji" } }, el("span", { "aria-hidden": "true" }, "🙂"));
    const panel = el("div", { id: "emoji-panel", className: "emoji-panel d-none shadow", role: "group",
      "aria-label": t("conv.emojiList"), dataset: { i18nAria: "conv.emojiList" } },
    EMOJI.map((emoji, i) => el("button", { type: "button", className: "btn btn-light emoji", tabindex: i === 0 ? "0" : "-1",
      dataset: { emoji }, "aria-label": t("conv.insert", { emoji }) }, emoji)));
    const composer = $("composer");
    $("message-input").after(toggle);
    composer.append(panel);
    toggle.addEventListener("click", () => (panel.classList.contains("d-none") ? openPicker() : closePicker(true)));
    panel.addEventListener("keydown", onPickerKey);
    panel.addEventListener("click", (event) => {
      const button = event.target.closest("button.emoji");
      if (!button) return;
      const input = $("message-input");
      closePicker(false);
      input.focus();
      insertAtCursor(input, button.dataset.emoji);
    });
    document.addEventListener("click", (event) => {
      if (!event.target.closest("#emoji-panel, #emoji-open")) closePicker(false);
    });
    document.addEventListener("webtalk:language", () => {
      for (const button of emojiButtons()) button.setAttribute("aria-label", t("conv.insert", { emoji: button.dataset.emoji }));
    });
  }

  document.addEventListener("keydown", onKeyCapture, true);
  document.addEventListener("DOMContentLoaded", () => {
    if (!$("composer")) return;
    buildPicker();
    describeKeys();
    window.matchMedia("(pointer: coarse)").addEventListener("change", describeKeys);
    document.addEventListener("webtalk:language", describeKeys);
    fitToVisualViewport();
  });

  window.WebTalkComposer = { touchScreen };
})();
