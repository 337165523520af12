/* Talking to the server: the API's addresses (from the page's data attributes), a JSON
   POST with the CSRF token and a time limit, and whether the scanner believes it is online
   (the browser's online/offline events and the last request's fate). */
import { root } from "./page.js";

const FETCH_TIMEOUT_MS = 5000;

let online = navigator.onLine;

export function isOnline() { return online; }

/* Only the belief; queue.js's setOnline also updates the network label. */
export function setOnlineFlag(value) { online = value; }

export function scansUrl() { return root.dataset.scansUrl; }

export function checkpointsUrl() { return root.dataset.scansUrl.replace(/scans$/, "checkpoints"); }

export function offlineListUrl(checkpoint) {
  return root.dataset.offlineUrl.replace("/0/", "/" + checkpoint + "/");
}

export function statsUrl(checkpoint) {
  return root.dataset.statsUrl.replace("/0/", "/" + checkpoint + "/");
}

export function annulUrl(nonce) {
  return root.dataset.annulUrl.replace("NONCE", encodeURIComponent(nonce));
}

export function searchUrl(query, checkpoint) {
  return root.dataset.searchUrl + "?q=" + encodeURIComponent(query) + "&checkpoint=" + checkpoint;
}

export function postJSON(url, payload) {
  const controller = window.AbortController ? new AbortController() : null;
  const timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
    body: JSON.stringify(payload),
    signal: controller ? controller.signal : undefined,
  }).finally(function () { if (timer) clearTimeout(timer); });
}
