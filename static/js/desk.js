// The walk-in desk: a badge photo from the laptop camera. The picture taken becomes the
// file of the form's photo field (a JPEG, cropped to the badge's 4:5 portrait), so the
// server receives it exactly as an uploaded file. Without a camera the file field stays.
(function () {
  "use strict";
  var start = document.querySelector("[data-camera-start]");
  var box = document.querySelector("[data-camera]");
  var input = document.getElementById("photo");
  if (!start || !box || !input || !navigator.mediaDevices || !window.DataTransfer) { return; }
  var video = box.querySelector("video");
  var shot = box.querySelector(".camera-shot");
  var take = box.querySelector("[data-camera-take]");
  var again = box.querySelector("[data-camera-again]");
  var message = box.querySelector("[data-camera-message]");
  var stream = null;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
  }

  function open() {
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        box.hidden = false;
        video.hidden = false;
        shot.hidden = true;
        take.hidden = false;
        again.hidden = true;
        message.textContent = "";
        return video.play();
      })
      .then(function () { take.focus(); })
      .catch(function () {
        box.hidden = false;
        video.hidden = true;
        take.hidden = true;
        message.textContent = start.getAttribute("data-no-camera");
      });
  }

  function capture() {
    var w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) { return; }
    // The middle of the picture at 4:5, the shape of a badge photo.
    var cropW = Math.min(w, Math.round(h * 4 / 5)), cropH = Math.round(cropW * 5 / 4);
    var canvas = document.createElement("canvas");
    canvas.width = cropW;
    canvas.height = cropH;
    canvas.getContext("2d").drawImage(video, (w - cropW) / 2, (h - cropH) / 2, cropW, cropH,
                                      0, 0, cropW, cropH);
    canvas.toBlob(function (blob) {
      var files = new DataTransfer();
      files.items.add(new File([blob], "camera.jpg", { type: "image/jpeg" }));
      input.files = files.files;
      shot.src = URL.createObjectURL(blob);
      shot.hidden = false;
      video.hidden = true;
      take.hidden = true;
      again.hidden = false;
      message.textContent = start.getAttribute("data-taken");
      stop();
      again.focus();
    }, "image/jpeg", 0.92);
  }

  start.addEventListener("click", open);
  again.addEventListener("click", open);
  take.addEventListener("click", capture);
  window.addEventListener("pagehide", stop);
})();
