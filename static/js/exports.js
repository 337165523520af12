// Export jobs: ask the server for the job's state until its file is ready, then offer it.
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var text = document.getElementById("job-status");
  var link = document.getElementById("job-download");

  function show(status) {
    box.dataset.state = status.state;
    text.textContent = text.dataset[status.state] || text.textContent;
    if (status.state === "done") {
      bar.max = 1;
      bar.value = 1;
      link.hidden = false;
      link.focus();
      return true;
    }
    if (status.state === "failed" || status.state === "deleted") {
      bar.hidden = true;
      return true;
    }
    return false;
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) { if (!show(status)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (box.dataset.state === "queued" || box.dataset.state === "running") { poll(); }
})();
