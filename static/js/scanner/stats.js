/* The door's figure beside the network label: how many people are inside now (of the
   room's capacity), asked every ten seconds while online. */
import { isOnline, statsUrl } from "./api.js";
import { checkpointId, el, fill, texts } from "./page.js";

const REFRESH_MS = 10000;

export function refreshStats() {
  if (!isOnline()) return;
  fetch(statsUrl(checkpointId()), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (stats) {
      el("inside").textContent = stats.capacity
        ? fill(texts.insideOf, { n: stats.inside, c: stats.capacity })
        : fill(texts.inside, { n: stats.inside });
    }).catch(function () {});
}

export function watchStats() {
  setInterval(refreshStats, REFRESH_MS);
}
