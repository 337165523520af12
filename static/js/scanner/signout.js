/* Signing out of the scanner: it deletes its own database first (the offline lists name
   people; the server's Clear-Site-Data answer clears the rest), after asking when scans
   are still waiting to be sent, since they go with it. */
import { fill, texts } from "./page.js";
import { forgetAll, queueCount } from "./store.js";

export function setUpSignOut() {
  const form = document.querySelector("form.sign-out");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    queueCount().catch(function () { return 0; }).then(function (waiting) {
      if (waiting && !window.confirm(fill(texts.signOutQueued, { n: waiting }))) return;
      return forgetAll().then(function () { form.submit(); });
    });
  });
}
