/* Service worker of the door scanner: keeps the scanner's shell (page, script modules,
   styles, QR decoder) so that it opens without a network. Served from /scanner/sw.js,
   which prepends `self.SCANNER_SHELL` (the URLs to keep). API calls always go to the
   network: scans made offline wait in IndexedDB (see scanner/queue.js), never in this
   cache. */
"use strict";

var CACHE = "forum-scanner-v1";
var SHELL = self.SCANNER_SHELL || [];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== CACHE; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/api/") === 0) return;
  if (request.mode === "navigate") {
    // The page: fresh when online (a new CSRF token), the kept copy when not.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request).then(function (hit) { return hit || caches.match(SHELL[0]); });
      })
    );
    return;
  }
  if (SHELL.indexOf(url.pathname) >= 0) {
    // Scripts and styles: the network first too (they change with releases), the copy offline.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () { return caches.match(request); })
    );
  }
});
