/* The scanner's camera (qr-reader.js does the reading). On by default on a phone or a
   tablet (a coarse pointer: a touch screen), off on a laptop, where a handheld scanner
   usually types the codes; the door staff's choice is remembered on the device.

   A code seen again within four seconds of the last sighting is ignored, so a badge held
   in front of the camera is scanned once; any other code is the next scan, even while
   an answer is on the screen (the answer stays until the next scan or a tap). */
import { isBusy } from "./answer.js";
import { el, root, texts } from "./page.js";
import { qrReader } from "./qr-reader.js";
import { submit } from "./scan.js";

const SAME_CODE_MS = 4000;
const PREFERENCE_KEY = "forum-scanner-camera";

const toggle = el("camera-toggle");
let reader = null;
let lastCode = "";
let lastSeenAt = 0;

function onCode(code) {
  const now = Date.now();
  const repeated = code === lastCode && now - lastSeenAt < SAME_CODE_MS;
  lastSeenAt = now;
  if (repeated || isBusy()) return;
  lastCode = code;
  submit({ code: code });
}

function remember(on) {
  try { localStorage.setItem(PREFERENCE_KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
}

/* The camera starts by itself on a touch screen, unless the door staff turned it off here. */
export function cameraByDefault() {
  let saved = null;
  try { saved = localStorage.getItem(PREFERENCE_KEY); } catch (e) { /* private mode */ }
  if (saved) return saved === "on";
  return window.matchMedia("(pointer: coarse)").matches;
}

export function startCamera() {
  toggle.disabled = true;
  reader.start().then(function () {
    toggle.textContent = texts.cameraOff;
    toggle.setAttribute("aria-pressed", "true");
    root.classList.add("camera-live");
  }).catch(function () {
    reader.stop();
    toggle.textContent = texts.cameraDenied;
    root.classList.remove("camera-live");
  }).finally(function () { toggle.disabled = false; });
}

function stopCamera() {
  reader.stop();
  toggle.textContent = texts.cameraOn;
  toggle.setAttribute("aria-pressed", "false");
  root.classList.remove("camera-live");
}

export function setUpCamera() {
  reader = qrReader(el("video"), el("frame"), onCode);
  toggle.setAttribute("aria-pressed", "false");
  toggle.addEventListener("click", function () {
    if (reader.isOn()) { stopCamera(); remember(false); } else { startCamera(); remember(true); }
  });
}
