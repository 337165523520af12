/* The device tokens page: the button that copies the new token (shown only where the
   browser can write to the clipboard). */
(function () {
  "use strict";
  var button = document.getElementById("copy-token");
  if (!button || !navigator.clipboard) return;
  var status = document.getElementById("copy-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.copy).textContent.trim();
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = button.dataset.copied;
    }).catch(function () { status.textContent = ""; });
  });
})();
