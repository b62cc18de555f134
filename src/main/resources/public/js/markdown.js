// A safe Markdown subset for chat messages, built as DOM nodes (createElement + text nodes): user
// text never reaches innerHTML, so markup in a message is shown as the characters typed.
//   blocks: ``` code blocks ```, "> " quotes, "- "/"* " lists, "1. " numbered lists
//   inline: **bold**, __bold__, *italic*, _italic_, `code`, [text](https://…), bare http(s) links,
//           \* (a backslash keeps the next marker literal)
// Links are http(s) only (anything else stays text), open in a new tab with rel="noopener
// noreferrer nofollow". Markers without their closing half stay literal. Work is linear in the
// text's length: a marker found to have no closer is not looked for again, and nesting stops at
// MAX_DEPTH.
(function () {
  "use strict";
  const { el, linkify } = window.WebTalk;
  const MAX_DEPTH = 4;
  const FENCE = /^\s*```/;
  const QUOTE = /^>\s?/;
  const BULLET = /^\s*[-*]\s+/;
  const NUMBERED = /^\s*\d{1,9}[.)]\s+/;

  function link(label, target, depth) {
    let url;
    try {
      url = new URL(target);
    } catch (e) {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return el("a", { href: url.href, target: "_blank", rel: "noopener noreferrer nofollow" }, inline(label, depth + 1, true));
  }

  /** Inline markup of one line (or block) as nodes; `inLink` leaves bare URLs and [..](..) as text. */
  function inline(text, depth, inLink) {
    const out = [];
    let plain = "";
    const noCloser = {}; // marker -> true once it had no closer further on: never searched again
    let badLinkBefore = -1; // a "[" before this index finds the same "](" as one that made no link
    const flush = () => {
      if (plain) out.push(inLink ? document.createTextNode(plain) : linkify(plain));
      plain = "";
    };
    if (depth > MAX_DEPTH) return [document.createTextNode(text)];
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === "\\" && i + 1 < text.length && "\\`*_[]()>#-".includes(text[i + 1])) {
        plain += text[i + 1];
        i += 2;
        continue;
      }
      if (c === "`" && !noCloser["`"]) {
        const end = text.indexOf("`", i + 1);
        if (end > i + 1) {
          flush();
          out.push(el("code", {}, text.slice(i + 1, end)));
          i = end + 1;
          continue;
        }
        if (end < 0) noCloser["`"] = true;
      }
      const pair = text.substr(i, 2);
      if ((pair === "**" || pair === "__") && !noCloser[pair]) {
        let end = text.indexOf(pair, i + 2);
        while (end > 0 && text[end + 2] === c) end++; // "***" closes an inner *italic* first, then the bold
        if (end > i + 2 && text[i + 2] !== " ") {
          flush();
          out.push(el("strong", {}, inline(text.slice(i + 2, end), depth + 1, inLink)));
          i = end + 2;
          continue;
        }
        if (end < 0) noCloser[pair] = true;
      }
      // _italic_ only at a word's edge, so snake_case names stay as typed
      if ((c === "*" || (c === "_" && !/\w/.test(text[i - 1] || ""))) && !noCloser[c] && text[i + 1] !== " " && text[i + 1] !== c) {
        let end = text.indexOf(c, i + 1);
        while (c === "_" && end > 0 && /\w/.test(text[end + 1] || "")) end = text.indexOf(c, end + 1);
        if (end > i + 1) {
          flush();
          out.push(el("em", {}, inline(text.slice(i + 1, end), depth + 1, inLink)));
          i = end + 1;
          continue;
        }
        if (end < 0) noCloser[c] = true;
      }
      if (c === "[" && !inLink && !noCloser["]("] && i >= badLinkBefore) {
        const middle = text.indexOf("](", i + 1);
        const end = middle < 0 ? -1 : text.indexOf(")", middle + 2);
        if (middle < 0 || end < 0) {
          noCloser["]("] = true;
        } else {
          const anchor = /\s/.test(text.slice(middle + 2, end)) ? null : link(text.slice(i + 1, middle), text.slice(middle + 2, end), depth);
          if (anchor) {
            flush();
            out.push(anchor);
            i = end + 1;
            continue;
          }
          badLinkBefore = middle;
        }
      }
      plain += c;
      i++;
    }
    flush();
    return out;
  }

  function listOf(lines, start, pattern, tag) {
    // a numbered list keeps its first number ("2024. …" is not renumbered 1)
    const list = el(tag, tag === "ol" ? { start: String(parseInt(lines[start], 10)) } : {});
    let i = start;
    while (i < lines.length && pattern.test(lines[i])) {
      list.append(el("li", {}, inline(lines[i].replace(pattern, ""), 1, false)));
      i++;
    }
    return [list, i];
  }

  /** The message's text as a fragment of nodes: what chat.js puts in a message's .text. */
  function render(text) {
    const fragment = document.createDocumentFragment();
    const lines = String(text).split(/\r?\n/);
    let run = []; // plain lines waiting to be added as one piece of text (line breaks kept by CSS)
    const flushRun = () => {
      if (run.length) fragment.append(...inline(run.join("\n"), 1, false));
      run = [];
    };
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (FENCE.test(line)) {
        let end = i + 1;
        while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
        if (end < lines.length) {
          flushRun();
          const language = line.replace(FENCE, "").trim();
          fragment.append(el("pre", { className: "md-code" }, el("code", language ? { "data-language": language.slice(0, 20) } : {},
            lines.slice(i + 1, end).join("\n"))));
          i = end + 1;
          continue;
        }
      } else if (QUOTE.test(line)) {
        flushRun();
        const quoted = [];
        while (i < lines.length && QUOTE.test(lines[i])) quoted.push(lines[i++].replace(QUOTE, ""));
        fragment.append(el("blockquote", { className: "md-quote" }, inline(quoted.join("\n"), 1, false)));
        continue;
      } else if (BULLET.test(line) || NUMBERED.test(line)) {
        flushRun();
        const [list, next] = BULLET.test(line) ? listOf(lines, i, BULLET, "ul") : listOf(lines, i, NUMBERED, "ol");
        fragment.append(list);
        i = next;
        continue;
      }
      run.push(line);
      i++;
    }
    flushRun();
    return fragment;
  }

  window.WebTalkMarkdown = { render };
})();
