// Light or dark (Bootstrap 5.3's data-bs-theme on <html>). Loaded in <head>, before the body is
// parsed, so the first paint already has the right colours (the CSP forbids an inline script).
// The choice is "auto" (follow the system's prefers-color-scheme, the default), "light" or "dark",
// remembered in this browser; every page's [data-action=toggle-theme] button cycles through them.
(function () {
  "use strict";
  const KEY = "webtalk.theme";
  const CHOICES = ["auto", "light", "dark"];
  const ICONS = { auto: "bi-circle-half", light: "bi-sun-fill", dark: "bi-moon-stars-fill" };
  const system = window.matchMedia("(prefers-color-scheme: dark)");

  function stored() {
    try {
      const saved = localStorage.getItem(KEY);
      return CHOICES.includes(saved) ? saved : "auto";
    } catch (e) {
      return "auto"; // storage blocked: follow the system
    }
  }

  let current = stored();

  function resolved() {
    return current === "auto" ? (system.matches ? "dark" : "light") : current;
  }

  function apply() {
    const theme = resolved();
    if (document.documentElement.getAttribute("data-bs-theme") === theme) return;
    document.documentElement.setAttribute("data-bs-theme", theme);
    // Canvas drawings (the admin chart) read their colours from CSS once: they redraw on this.
    document.dispatchEvent(new CustomEvent("webtalk:theme", { detail: { theme } }));
  }

  apply();
  system.addEventListener("change", apply);
  // Another tab changed the choice: follow it.
  window.addEventListener("storage", (event) => { if (event.key === KEY) { current = stored(); apply(); label(); } });

  const words = {
    "pt-BR": {
      "theme.auto": "Tema: automático (segue o sistema). Mudar para claro",
      "theme.light": "Tema: claro. Mudar para escuro",
      "theme.dark": "Tema: escuro. Mudar para automático",
    },
    en: {
      "theme.auto": "Theme: automatic (follows the system). Switch to light",
      "theme.light": "Theme: light. Switch to dark",
      "theme.dark": "Theme: dark. Switch to automatic",
    },
  };

  function buttons() {
    return document.querySelectorAll("[data-action=toggle-theme]");
  }

  function label() {
    const c = current;
    const text = window.WebTalkI18n ? WebTalkI18n.t("theme." + c) : words["pt-BR"]["theme." + c];
    buttons().forEach((button) => {
      button.setAttribute("aria-label", text);
      button.title = text;
      button.dataset.theme = c;
      const icon = button.querySelector("i");
      if (icon) icon.className = "bi " + ICONS[c];
    });
  }

  function cycle() {
    current = CHOICES[(CHOICES.indexOf(current) + 1) % CHOICES.length];
    try {
      if (current === "auto") localStorage.removeItem(KEY); else localStorage.setItem(KEY, current);
    } catch (e) {
      // not remembered: this page still follows the choice
    }
    apply();
    label();
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (window.WebTalkI18n) WebTalkI18n.add(words);
    buttons().forEach((button) => button.addEventListener("click", cycle));
    label();
    document.addEventListener("webtalk:language", label);
  });
})();
