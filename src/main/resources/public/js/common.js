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

  const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;

  /** Text with http(s) links made clickable; everything else stays plain text. */
  function linkify(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      let url = match[0].replace(/[.,;:!?)\]]+$/, "");
      fragment.append(document.createTextNode(text.slice(last, match.index)));
      fragment.append(el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow" }, url));
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

  function showAlert(container, message, kind) {
    container.replaceChildren(el("div", { className: "alert alert-" + (kind || "danger") + " py-2 mb-2", role: "alert" }, message));
  }

  function formatDate(iso) {
    try {
      return new Date(iso).toLocaleString(WebTalkI18n.language(), { dateStyle: "short", timeStyle: "short" });
    } catch (e) {
      return iso;
    }
  }

  window.WebTalk = { api, el, linkify, nickname, setNickname, validNickname, showAlert, formatDate };
})();
