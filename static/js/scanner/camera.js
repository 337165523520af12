/* The camera: QR codes read by BarcodeDetector where the browser has it, else by the
   vendored jsQR (window.jsQR) on canvas frames, about seven frames a second. The same
   code seen again within four seconds is ignored. */
import { isAnswerShown, isBusy } from "./answer.js";
import { el, root, texts } from "./page.js";
import { submit } from "./scan.js";

const SAME_CODE_MS = 4000;
const FRAME_MS = 150;

const video = el("video");
const canvas = el("frame");
const toggle = el("camera-toggle");
let context = null;
let stream = null;
let detector = null;
let lastCode = "";
let lastCodeAt = 0;
let lastFrame = 0;

function onCode(code) {
  const now = Date.now();
  if (isBusy() || isAnswerShown()) return;
  if (code === lastCode && now - lastCodeAt < SAME_CODE_MS) return;
  lastCode = code;
  lastCodeAt = now;
  submit({ code: code });
}

export function startCamera() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    toggle.textContent = texts.cameraDenied;
    return;
  }
  navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
    .then(function (granted) {
      stream = granted;
      video.srcObject = granted;
      return video.play();
    }).then(function () {
      toggle.textContent = texts.cameraOff;
      root.classList.add("camera-live");
      if ("BarcodeDetector" in window) {
        return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
          if (formats.indexOf("qr_code") >= 0) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        }).catch(function () {});
      }
    }).then(function () { requestAnimationFrame(tick); })
    .catch(function () {
      toggle.textContent = texts.cameraDenied;
      root.classList.remove("camera-live");
    });
}

function stopCamera() {
  if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
  stream = null;
  video.srcObject = null;
  toggle.textContent = texts.cameraOn;
  root.classList.remove("camera-live");
}

function tick(time) {
  if (!stream) return;
  if (time - lastFrame < FRAME_MS || video.readyState < 2) { requestAnimationFrame(tick); return; }
  lastFrame = time;
  if (detector) {
    detector.detect(video).then(function (codes) {
      if (codes.length) onCode(codes[0].rawValue);
    }).catch(function () {}).finally(function () { requestAnimationFrame(tick); });
    return;
  }
  if (window.jsQR) {
    const scale = Math.min(1, 640 / (video.videoWidth || 640));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    if (found && found.data) onCode(found.data);
  }
  requestAnimationFrame(tick);
}

export function setUpCamera() {
  context = canvas.getContext("2d", { willReadFrequently: true });
  toggle.addEventListener("click", function () {
    if (stream) stopCamera(); else startCamera();
  });
}
