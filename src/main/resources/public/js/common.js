// Small helpers shared by the pages. User text only ever reaches the DOM as text nodes.
(function () {
  "use strict";

  async function api(method, path, body, headers) {
    const options = { method, headers: Object.assign({ Accept: "application/json" }, headers || {}) };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    try {
      const response = await fetch(path, options);
      let data = null;
      try { data = await response.json(); } catch (ignored) { data = null; }
      return { status: response.status, ok: response.ok, data: data || {} };
    } catch (e) {
      return { status: 0, ok: false, data: { erro: WebTalkI18n.t("error.network"), codigo: "rede" } };
    }
  }

  /** Builds an element; children are nodes or strings (always text, never HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "className") node.className = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Only http(s) becomes a link: "javascript:", "data:" and the like stay plain text.
  const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;

  /** Text with http(s) links made clickable; everything else stays plain text. */
  function linkify(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const url = match[0].replace(/[.,;:!?)\]]+$/, "");
      let href;
      try {
        href = new URL(url);
      } catch (e) {
        continue;
      }
      if (href.protocol !== "http:" && href.protocol !== "https:") continue;
      fragment.append(document.createTextNode(text.slice(last, match.index)));
      fragment.append(el("a", { href: href.href, target: "_blank", rel: "noopener noreferrer nofollow" }, url));
      last = match.index + url.length;
    }
    fragment.append(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function nickname() {
    return (localStorage.getItem("webtalk.nick") || "").trim();
  }

  function setNickname(value) {
    localStorage.setItem("webtalk.nick", value.trim());
  }

  function validNickname(value) {
    const v = (value || "").trim();
    return v.length >= 1 && [...v].length <= 30;
  }

  /** An alert in `container` (replacing the previous one); `dismissible` adds a close button. */
  function showAlert(container, message, kind, dismissible) {
    const box = el("div", { className: "alert alert-" + (kind || "danger") + " py-2 mb-2" + (dismissible ? " alert-dismissible" : ""), role: "alert" }, message);
    if (dismissible) {
      box.append(el("button", { type: "button", className: "btn-close py-2", "aria-label": WebTalkI18n.t("close") }));
      box.lastChild.addEventListener("click", () => box.remove());
    }
    container.replaceChildren(box);
    return box;
  }

  function formatDate(iso) {
    try {
      return new Date(iso).toLocaleString(WebTalkI18n.language(), { dateStyle: "short", timeStyle: "short" });
    } catch (e) {
      return iso;
    }
  }

  /**
   * Calls `task` now and every `ms` while the tab is visible; a hidden tab stops polling and
   * catches up as soon as it is shown again. Returns a function that stops it.
   */
  function poll(task, ms) {
    let timer = null;
    const stop = () => { clearInterval(timer); timer = null; };
    const start = () => { stop(); task(); timer = setInterval(task, ms); };
    const onVisibility = () => (document.hidden ? stop() : start());
    document.addEventListener("visibilitychange", onVisibility);
    if (!document.hidden) start();
    return () => { stop(); document.removeEventListener("visibilitychange", onVisibility); };
  }

  /** A one-time notice for the next page (e.g. "the room was deleted" shown by the lobby). */
  function leaveNotice(text) {
    sessionStorage.setItem("webtalk.notice", text);
  }

  function takeNotice() {
    const text = sessionStorage.getItem("webtalk.notice");
    sessionStorage.removeItem("webtalk.notice");
    return text;
  }

  /** Eye buttons next to password fields: `data-reveal="<input id>"`. */
  function wirePasswordToggles(root) {
    (root || document).querySelectorAll("[data-reveal]").forEach((button) => {
      const input = document.getElementById(button.dataset.reveal);
      const sync = () => {
        const shown = input.type === "text";
        button.setAttribute("aria-pressed", String(shown));
        button.setAttribute("aria-label", WebTalkI18n.t(shown ? "password.hide" : "password.show"));
        button.querySelector("i").className = "bi " + (shown ? "bi-eye-slash" : "bi-eye");
      };
      button.addEventListener("click", () => { input.type = input.type === "password" ? "text" : "password"; sync(); });
      document.addEventListener("webtalk:language", sync);
      sync();
    });
  }

  /**
   * A Bootstrap modal whose show() and hide() are never lost. Bootstrap ignores either one while the
   * other's fade (300 ms) runs: a name submitted while its dialog was still opening left the dialog
   * up for good, and a refusal that came back while it was closing left no dialog to answer it.
   * Here the last wish wins: it is carried out when the running fade ends.
   */
  const dialogs = new Map();
  function dialog(id) {
    let found = dialogs.get(id);
    if (found) return found;
    const element = document.getElementById(id);
    const modal = bootstrap.Modal.getOrCreateInstance(element);
    let open = element.classList.contains("show");
    let moving = false;
    let wanted = open;
    const settle = () => {
      moving = false;
      if (wanted !== open) wanted ? modal.show() : modal.hide();
    };
    // Whoever opens or closes it (a data-bs-toggle button, Escape, the close button) is followed too.
    element.addEventListener("show.bs.modal", () => { moving = true; wanted = true; });
    element.addEventListener("shown.bs.modal", () => { open = true; settle(); });
    element.addEventListener("hide.bs.modal", () => { moving = true; wanted = false; });
    element.addEventListener("hidden.bs.modal", () => { open = false; settle(); });
    found = {
      show() { wanted = true; if (!moving && !open) modal.show(); },
      hide() { wanted = false; if (!moving && open) modal.hide(); },
    };
    dialogs.set(id, found);
    return found;
  }
  // Followed from the start, so that one opened by its button before any script asked is known open.
  if (window.bootstrap) document.querySelectorAll(".modal").forEach((element) => { if (element.id) dialog(element.id); });

  window.WebTalk = { api, el, linkify, nickname, setNickname, validNickname, showAlert, formatDate, poll, leaveNotice, takeNotice, wirePasswordToggles, dialog };
})();
