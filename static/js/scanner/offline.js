/* Judging a scan without the server: each door's offline list (SHA-256 digests of the
   badge codes of the people the door admits, kept in IndexedDB for a reload without
   network) and the entries this scanner let in while offline, so that a second entry
   shows amber. */
import { offlineListUrl } from "./api.js";
import { showAnswer } from "./answer.js";
import { checkpointId, fill, hhmm, root, texts } from "./page.js";
import { enqueue, updateQueue } from "./queue.js";
import { withStore } from "./store.js";

let list = null;

/* The chosen door's list: the kept copy at once, then a fresh one from the server. */
export function loadList() {
  const id = checkpointId();
  list = null;
  withStore("lists", "readonly", function (s) { return s.get(id); }).then(function (saved) {
    // The list kept from an earlier visit, until (unless) a fresh one arrives.
    if (saved && saved.list && checkpointId() === id && !list) list = saved.list;
  }).catch(function () {});
  fetch(offlineListUrl(id), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (fresh) {
      fresh.checkpoint.id = id;
      list = { checkpoint: fresh.checkpoint, generated_at: fresh.generated_at, badges: fresh.badges };
      root.dataset.listSize = Object.keys(fresh.badges).length;
      return withStore("lists", "readwrite", function (s) { return s.put({ checkpoint: id, list: list }); });
    }).catch(function () {});
}

function digest(code) {
  const bytes = new TextEncoder().encode(code.trim());
  return crypto.subtle.digest("SHA-256", bytes).then(function (buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  });
}

/* Queues the scan and shows what the door's list says about it. */
export function judgeOffline(payload) {
  payload.offline = true;
  const queued = enqueue(payload);
  const listed = list && list.checkpoint.id === payload.checkpoint ? list : null;
  if (!listed) {
    queued.then(updateQueue);
    showAnswer("amber", texts.offline, null, texts.noList);
    return;
  }
  const lookup = payload.code ? digest(payload.code) : Promise.resolve(null);
  lookup.then(function (hash) {
    const entry = hash ? listed.badges[hash] : null;
    const when = fill(texts.offlineAnswer, { t: hhmm(new Date(listed.generated_at)) });
    // The list holds only the people this door admits.
    if (!entry) {
      showAnswer("red", texts.red, null, texts.unknownOffline + " " + when);
      return;
    }
    const delegate = { name: entry.name, organisation: entry.organisation, category: entry.category };
    const key = payload.checkpoint + ":" + hash;
    return withStore("entries", "readonly", function (s) { return s.get(key); }).then(function (seen) {
      if (payload.direction === "in" && seen && seen.inside) {
        showAnswer("amber", texts.amber, delegate, fill(texts.insideOffline, { t: hhmm(new Date(seen.at)) }));
        return;
      }
      withStore("entries", "readwrite", function (s) {
        return s.put({ key: key, inside: payload.direction === "in", at: payload.scanned_at });
      });
      showAnswer("green", payload.direction === "out" ? texts.exit : texts.green, delegate, when);
    });
  }).then(function () { return queued; }).then(updateQueue);
}
