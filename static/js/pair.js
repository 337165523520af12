/* The pairing page (templates/checkin/pair.html): a pairing code reaches the form from the
   link's fragment (the phone's camera app opened the link) or from this page's camera, and
   the form sends it. A phone with a staff member signed in waits for the Pair button:
   pairing signs them out. A code sent once is not sent again by itself (the camera still
   sees a used code when the page comes back saying so). */
import { qrReader } from "./scanner/qr-reader.js";

const root = document.getElementById("pair");
const form = document.getElementById("pair-form");
const field = document.getElementById("pair-code");
const toggle = document.getElementById("camera-toggle");
const texts = JSON.parse(root.dataset.texts);
const PAIRING = /(?:^|#)((?:fdp|fdt)_[A-Za-z0-9_-]{16,})$/;
const TRIED_KEY = "forum-pairing-tried";

function tried(code) {
  try { return sessionStorage.getItem(TRIED_KEY) === code; } catch (e) { return false; }
}

function rememberTried(code) {
  try { sessionStorage.setItem(TRIED_KEY, code); } catch (e) { /* private mode */ }
}

let sent = false;

function offer(code) {
  const found = PAIRING.exec((code || "").trim());
  if (!found || sent || tried(found[1])) return false;
  field.value = found[1];
  if (!root.dataset.signedIn) {
    sent = true;
    rememberTried(found[1]);
    form.submit();
  } else {
    field.focus();
  }
  return true;
}

const reader = qrReader(document.getElementById("video"), document.getElementById("frame"), function (code) {
  if (offer(code)) reader.stop();
});

function start() {
  reader.start().then(function () {
    toggle.textContent = texts.cameraOff;
    root.classList.add("camera-live");
  }).catch(function () {
    reader.stop();
    toggle.textContent = texts.cameraDenied;
  });
}

toggle.addEventListener("click", function () {
  if (reader.isOn()) {
    reader.stop();
    toggle.textContent = texts.cameraOn;
    root.classList.remove("camera-live");
  } else {
    start();
  }
});

// The code after "#" never reached the server (nor its logs): take it off the address bar.
if (window.location.hash) {
  const fragment = window.location.hash.slice(1);
  history.replaceState(null, "", window.location.pathname);
  offer(fragment);
}
if (!sent && window.matchMedia("(pointer: coarse)").matches) start();
root.dataset.ready = "true";
