// Signing up for a session (or cancelling) without leaving the place in the programme:
// the form is sent in the background, the server answers as it would the browser (a
// redirect to this page, with a message), and the session's sign-up block is replaced by
// the new one, with the message read out. Without JavaScript the forms work as they are,
// and the redirect brings the browser back to the session's anchor.
(function () {
  "use strict";
  var parser = new DOMParser();

  function swap(block, html) {
    var page = parser.parseFromString(html, "text/html");
    var fresh = page.getElementById(block.id);
    var flashes = page.querySelectorAll(".flashes .flash");
    var messages = Array.prototype.map.call(flashes, function (p) { return p.textContent.trim(); });
    var refused = page.querySelector(".flashes .flash-error") !== null;
    if (!fresh) { return false; }
    fresh = document.importNode(fresh, true);
    var status = document.createElement("p");
    status.className = "signup-message" + (refused ? " signup-refused" : "");
    status.setAttribute("role", refused ? "alert" : "status");
    status.tabIndex = -1;
    status.textContent = messages.join(" ");
    fresh.appendChild(status);
    block.replaceWith(fresh);
    status.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var block = form.closest("[data-signup]");
    if (!block || !window.fetch) { return; }
    e.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          // Done on the server either way: show the page it answered if the block is gone.
          if (!swap(block, html)) { window.location.assign(response.url); }
        });
      })
      .catch(function () { form.submit(); });  // never reached the server: send it plainly
  });
})();
