/* Scans waiting to be sent, and the network label that counts them: a scan made offline
   waits in IndexedDB and goes to the server when the network is back (the scanner asks
   every five seconds). */
import { checkpointsUrl, isOnline, postJSON, scansUrl, setOnlineFlag } from "./api.js";
import { el, fill, texts } from "./page.js";
import { refreshStats } from "./stats.js";
import { queueCount, withStore } from "./store.js";

const CHECK_NETWORK_MS = 5000;

let flushing = false;
let needsReload = false;

export function enqueue(payload) {
  return withStore("queue", "readwrite", function (s) { return s.put(payload); });
}

export function setOnline(online) {
  setOnlineFlag(online);
  el("net").textContent = online ? texts.online : texts.offline;
  el("net").className = "net" + (online ? "" : " net-offline");
  updateQueue();
}

export function updateQueue() {
  return queueCount().then(function (n) {
    const net = el("net");
    net.textContent = (isOnline() ? texts.online : texts.offline) + (n ? " · " + fill(texts.waiting, { n: n }) : "");
    if (n && isOnline()) flushQueue();
  }).catch(function () {});
}

function flushQueue() {
  if (flushing) return;
  flushing = true;
  withStore("queue", "readonly", function (s) { return s.getAll(); }).then(function (items) {
    let chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        return postJSON(scansUrl(), item).then(function (response) {
          // Kept for later: server trouble, signed out, an expired page (CSRF: 400) or the
          // rate limit. Recorded (200) or refused for good (403 door no longer allowed,
          // 404 door gone, 409 nonce clash) leaves the queue.
          if ([200, 403, 404, 409].indexOf(response.status) < 0) {
            needsReload = response.status === 400 || response.status === 401;
            throw new Error("retry later");
          }
          needsReload = false;
          return withStore("queue", "readwrite", function (s) { return s.delete(item.nonce); });
        });
      });
    });
    return chain;
  }).then(function () {
    // Everything is on the server, which now knows who is inside.
    return withStore("entries", "readwrite", function (s) { return s.clear(); });
  }).catch(function () {
    setOnlineFlag(false);
  }).finally(function () {
    flushing = false;
    queueCount().then(function (n) {
      el("net").textContent = (isOnline() ? texts.online : texts.offline) + (n ? " · " + fill(texts.waiting, { n: n }) : "")
        + (n && needsReload ? " · " + texts.reload : "");
      if (!n) refreshStats();
    });
  });
}

export function watchNetwork() {
  window.addEventListener("online", function () { setOnline(true); flushQueue(); });
  window.addEventListener("offline", function () { setOnline(false); });
  setInterval(function () {
    if (!isOnline()) {
      fetch(checkpointsUrl(), { credentials: "same-origin" })
        .then(function (r) { if (r.ok) { setOnline(true); flushQueue(); } })
        .catch(function () {});
    } else {
      updateQueue();
    }
  }, CHECK_NETWORK_MS);
}
