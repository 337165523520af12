// Badge print runs: poll the run's progress (drawn by the worker) until its PDF is ready.
(function () {
  "use strict";
  var box = document.getElementById("badge-job");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var text = document.getElementById("job-status");
  var link = document.getElementById("job-download");

  var waitedForIt = link.hidden; // the run finishes while the page is open: download it

  function show(status) {
    bar.max = status.total || 1;
    bar.value = status.done;
    if (status.state === "done") {
      bar.value = bar.max;
      link.hidden = false;
      text.textContent = text.dataset.done.replace("%(total)s", status.total);
      if (waitedForIt && status.download) { window.location.assign(status.download); }
      return true;
    }
    if (status.state === "failed") {
      text.textContent = text.dataset.failed;
      return true;
    }
    if (status.state === "queued") {
      text.textContent = text.dataset.queued.replace("%(total)s", status.total);
      return false;
    }
    text.textContent = text.dataset.running
      .replace("%(done)s", status.done)
      .replace("%(total)s", status.total);
    return false;
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) { if (!show(status)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (link.hidden) { poll(); }
})();
