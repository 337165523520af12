/* Sending a scan to the server when online; when the network or the server fails, the
   scan is judged on this phone instead and queued (offline.js). A pairing code (the QR
   code that pairs a phone with a device token, forum/checkin/pairing.py) is not a badge:
   this scanner is signed in already, and says how to pair it instead. */
import { isOnline, postJSON, scansUrl } from "./api.js";
import { isBusy, setBusy, showAnswer, titleFor } from "./answer.js";
import { rememberAccepted } from "./annul.js";
import { judgeOffline } from "./offline.js";
import { checkpointId, direction, root, texts } from "./page.js";
import { setOnline } from "./queue.js";

const PAIRING_CODE = /(?:^|#)(fdp_[A-Za-z0-9_-]{16,})$/;

/* A random id per scan: the server records a scan sent twice (a retry) only once. */
function nonce() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, function (b) {
    return ("0" + b.toString(16)).slice(-2);
  }).join("");
}

/* The phone was signed out of its device (the token revoked; an earlier request may have
   been the one told, and the cookie is gone): after the red answer, a tap leads to the
   pairing page. */
function signedOut() {
  showAnswer("red", texts.red, null, texts.signedOut);
  document.getElementById("answer").addEventListener("click", function () {
    window.location.assign(root.dataset.pairUrl);
  }, { once: true });
}

/* Sends `payload` ({ code } or { registration }) for the chosen door and direction. */
export function submit(payload) {
  if (isBusy()) return;
  if (payload.code && PAIRING_CODE.test(payload.code.trim())) {
    showAnswer("amber", texts.pairingCode, null, texts.pairingHere);
    return;
  }
  setBusy(true);
  payload.checkpoint = checkpointId();
  payload.direction = direction();
  payload.nonce = nonce();
  // The server's clock times live scans (a phone's clock may be wrong); the phone's time
  // is sent only with a scan that had to wait offline.
  const scannedAt = new Date().toISOString();
  const attempt = isOnline() ? postJSON(scansUrl(), payload) : Promise.reject(new Error("offline"));
  attempt.then(function (response) {
    // Server trouble or too many scans from this device: judge it here and queue it.
    if (response.status >= 500 || response.status === 429) throw new Error("server " + response.status);
    return response.json().then(function (data) { return { status: response.status, data: data }; });
  }).then(function (reply) {
    setOnline(true);
    if (reply.status === 401 && root.dataset.device) {
      signedOut();
      return;
    }
    if (reply.status !== 200) {
      showAnswer("red", texts.red, null, reply.data.message);
      return;
    }
    const result = reply.data;
    showAnswer(result.colour, titleFor(result), result.delegate, result.message);
    if (result.status === "accepted" && result.annul_until) rememberAccepted(result);
  }).catch(function () {
    setOnline(false);
    payload.scanned_at = scannedAt;
    judgeOffline(payload);
  });
}
