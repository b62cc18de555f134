// The installable app: registers the service worker (/sw.js, scope "/"), which keeps the app
// shell and answers with the offline page when the server cannot be reached. Loaded with defer.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  // After the page's own loading, so the worker's precache never competes with the first paint.
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // no worker (private mode, storage full): the pages work the same, only offline is lost
    });
  });
})();
