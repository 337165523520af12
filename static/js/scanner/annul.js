/* Annulling the last accepted scan: its button shows until the time the server allows
   (two minutes) runs out. */
import { annulUrl, postJSON } from "./api.js";
import { showAnswer } from "./answer.js";
import { el, texts } from "./page.js";
import { refreshStats } from "./stats.js";

let lastAccepted = null;

export function rememberAccepted(result) {
  lastAccepted = result;
  el("annul-bar").hidden = false;
  const until = new Date(result.annul_until).getTime() - Date.now();
  setTimeout(function () {
    if (lastAccepted === result) { el("annul-bar").hidden = true; lastAccepted = null; }
  }, Math.max(0, until));
}

export function setUpAnnul() {
  el("annul").addEventListener("click", function () {
    const last = lastAccepted;
    if (!last) return;
    postJSON(annulUrl(last.nonce), {})
      .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, data: d }; }); })
      .then(function (reply) {
        el("annul-bar").hidden = true;
        lastAccepted = null;
        showAnswer(reply.ok ? "amber" : "red", reply.ok ? texts.annulled : texts.red, last.delegate, reply.ok ? "" : reply.data.message);
        refreshStats();
      }).catch(function () {});
  });
}
