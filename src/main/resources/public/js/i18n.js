// The pages' words: each language's dictionary is one file under js/i18n/ (pt-BR.js first, the
// fallback for a missing word), loaded after this one. Elements name their text with data-i18n
// (textContent), data-i18n-placeholder, data-i18n-aria (aria-label) and data-i18n-title.
// The server's refusals and notices are said in the reader's language by their codigo (server()).
(function () {
  "use strict";

  const FALLBACK = "pt-BR";
  const WORDS = {};
  let lang = null;

  /** The saved choice, else the browser's language (exact, then its first part: en-GB → en), else pt-BR. */
  function chosenLanguage() {
    const saved = localStorage.getItem("webtalk.lang");
    if (saved && WORDS[saved]) return saved;
    const known = Object.keys(WORDS);
    for (const wanted of navigator.languages || [navigator.language || FALLBACK]) {
      const exact = known.find((code) => code.toLowerCase() === wanted.toLowerCase());
      if (exact) return exact;
      const base = known.find((code) => code.split("-")[0] === wanted.toLowerCase().split("-")[0]);
      if (base) return base;
    }
    return FALLBACK;
  }

  function current() {
    if (lang === null || !WORDS[lang]) lang = chosenLanguage();
    return lang;
  }

  function has(key) {
    return Boolean((WORDS[current()] || {})[key] || (WORDS[FALLBACK] || {})[key]);
  }

  function t(key, vars) {
    const text = (WORDS[current()] && WORDS[current()][key]) || (WORDS[FALLBACK] && WORDS[FALLBACK][key]) || key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (vars && name in vars ? String(vars[name]) : ""));
  }

  /** A date and time in the reader's language and time zone (Intl), from an ISO-8601 instant. */
  function dateTime(iso) {
    const when = new Date(iso);
    if (Number.isNaN(when.getTime())) return String(iso);
    return new Intl.DateTimeFormat(current(), { dateStyle: "medium", timeStyle: "short" }).format(when);
  }

  /**
   * A server's refusal or notice ({codigo, mensagem} or {erro, codigo}, with its values such as
   * segundos, maximo or banido_ate) in the reader's language: "err.<codigo>" — or its variant
   * "err.<codigo>.<field>" when the payload has that field — filled from the payload's fields.
   * Only a codigo this page does not know falls back to the server's Portuguese text.
   */
  function server(payload, fallbackKey) {
    const answer = payload || {};
    const vars = Object.assign({}, answer);
    if (answer.banido_ate) vars.banido_ate = dateTime(answer.banido_ate);
    if (answer.campo !== undefined) {
      vars.campo = has("field." + answer.campo) ? t("field." + answer.campo)
        : has("set." + answer.campo) ? t("set." + answer.campo) : answer.campo;
    }
    if (answer.codigo) {
      const key = "err." + answer.codigo;
      const variant = Object.keys(answer).map((field) => key + "." + field).find(has);
      if (variant) return t(variant, vars);
      if (has(key)) return t(key, vars);
    }
    return answer.mensagem || answer.erro || t(fallbackKey || "error.network");
  }

  /** An action's answer in words: {@code doneKey} (with {@code vars}) when it worked, else the refusal by its codigo. */
  function outcome(answer, doneKey, vars) {
    return answer.ok ? t(doneKey || "admin.done", vars) : server(answer.data);
  }

  function apply(root) {
    const scope = root || document;
    document.documentElement.lang = current();
    scope.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    scope.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    scope.querySelectorAll("[data-i18n-aria]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.i18nAria)); });
    scope.querySelectorAll("[data-i18n-title]").forEach((el) => { el.title = t(el.dataset.i18nTitle); });
  }

  /** The switch goes to the next language in the order the files were loaded (with two: the other one). */
  function toggle() {
    const codes = Object.keys(WORDS);
    lang = codes[(codes.indexOf(current()) + 1) % codes.length];
    localStorage.setItem("webtalk.lang", lang);
    apply();
    document.dispatchEvent(new CustomEvent("webtalk:language"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    apply();
    document.querySelectorAll("[data-action=toggle-language]").forEach((b) => b.addEventListener("click", toggle));
  });

  /** The dictionary's keys for one language (the tests check that every language has the same). */
  function keys(language) {
    return Object.keys(WORDS[language] || {}).sort();
  }

  /** A language's whole dictionary, from its own file under js/i18n/. */
  function define(code, words) {
    WORDS[code] = Object.assign(WORDS[code] || {}, words);
  }

  /**
   * More words from a feature's own file ({ "pt-BR": {...}, en: {...} }), loaded after the language
   * files and before the page is shown. Prefer the language files: a new language is then one file.
   */
  function add(words) {
    for (const code of Object.keys(WORDS)) Object.assign(WORDS[code], words[code] || {});
  }

  window.WebTalkI18n = {
    t, has, apply, keys, add, define, server, outcome, dateTime,
    language: () => current(),
    /** The languages loaded, in order (a getter: the files register after this one). */
    get languages() { return Object.keys(WORDS); },
  };
})();
