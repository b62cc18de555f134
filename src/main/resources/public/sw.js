// WebTalk's service worker (scope "/"). It precaches the app shell, answers a page load that cannot
// reach the server with /offline.html, and never touches the API or Socket.IO: those always go to
// the network, so no conversation, token or admin answer is ever kept here.
"use strict";

// A new list of files is a new cache: change the version with it (old caches are dropped on activate).
const CACHE = "webtalk-shell-v1";
const SHELL = [
  "/offline.html",
  "/css/app.css",
  "/css/icons.css",
  "/fonts/icons.woff2",
  "/js/theme.js",
  "/favicon.svg",
  "/icons/icon-192.png",
  "/webjars/bootstrap/5.3.8/css/bootstrap.min.css",
];
// Paths that are live data: the worker lets them pass untouched (no respondWith).
const NEVER = ["/api/", "/socket.io/", "/metrics", "/health"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === "navigate") {
    // Pages always come fresh from the server; the offline page only when it cannot be reached.
    event.respondWith(fetch(request).catch(() => caches.match("/offline.html")));
    return;
  }
  if (url.pathname.startsWith("/webjars/")) {
    // WebJar paths carry their version: a cached copy is always right.
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    // Our own files change with a release: the network first, the shell copy when it is down.
    event.respondWith(fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
        }
        return response;
      })
      .catch(() => caches.match(url.pathname).then((hit) => hit || Response.error())));
  }
});
