/* Reading QR codes from the camera: BarcodeDetector where the browser has it, else the
   vendored jsQR (window.jsQR) on canvas frames, about seven frames a second. Used by the
   scanner (camera.js) and by the pairing page (js/pair.js). */

const FRAME_MS = 150;

/* A reader on a <video> and a hidden <canvas>: start() asks for the back camera and calls
   onCode(text) for every code seen (the caller skips repeats); stop() lets the camera go.
   start() resolves once frames are read, and rejects when there is no camera. */
export function qrReader(video, canvas, onCode) {
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let stream = null;
  let detector = null;
  let lastFrame = 0;

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

  function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return Promise.reject(new Error("no camera"));
    }
    return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (granted) {
        stream = granted;
        video.srcObject = granted;
        return video.play();
      }).then(function () {
        if ("BarcodeDetector" in window) {
          return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
            if (formats.indexOf("qr_code") >= 0) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          }).catch(function () {});
        }
      }).then(function () { requestAnimationFrame(tick); });
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.srcObject = null;
  }

  return { start: start, stop: stop, isOn: function () { return Boolean(stream); } };
}
