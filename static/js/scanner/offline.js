/* Judging a scan without the server: each door's offline list (SHA-256 digests of the
   badge codes of the people the door admits, with what the door shows, kept in IndexedDB
   for a reload without network), the door's opening hours, and the entries this scanner
   let in while offline, so that a second entry shows amber. The name search looks in the
   same list when the server cannot be reached (search.js): it holds only the people this
   door admits, so offline it finds nobody else. */
import { offlineListUrl } from "./api.js";
import { showAnswer } from "./answer.js";
import { checkpointId, fill, hhmm, root, texts, translitTable } from "./page.js";
import { enqueue, updateQueue } from "./queue.js";
import { queryWords, searchKey } from "./search-key.js";
import { withStore } from "./store.js";

const SEARCH_LIMIT = 10;

let list = null;
// Built from the list on first use: registration id -> [digest, entry], and search keys.
let byRegistration = null;
let searchIndex = null;

function useList(value) {
  list = value;
  byRegistration = null;
  searchIndex = null;
}

/* The chosen door's list: the kept copy at once, then a fresh one from the server. */
export function loadList() {
  const id = checkpointId();
  useList(null);
  withStore("lists", "readonly", function (s) { return s.get(id); }).then(function (saved) {
    // The list kept from an earlier visit, until (unless) a fresh one arrives.
    if (saved && saved.list && checkpointId() === id && !list) useList(saved.list);
  }).catch(function () {});
  fetch(offlineListUrl(id), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (fresh) {
      fresh.checkpoint.id = id;
      useList({
        checkpoint: fresh.checkpoint, generated_at: fresh.generated_at, hours: fresh.hours, badges: fresh.badges,
      });
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

function registrationIndex() {
  if (!byRegistration) {
    byRegistration = {};
    Object.keys(list.badges).forEach(function (hash) {
      const entry = list.badges[hash];
      if (entry.registration) byRegistration[entry.registration] = entry;
    });
  }
  return byRegistration;
}

/* The door's list entry for a scan: by the digest of the badge code, or by registration
   (a person found by name). */
function entryFor(listed, payload) {
  if (payload.code) return digest(payload.code).then(function (hash) { return listed.badges[hash] || null; });
  return Promise.resolve(registrationIndex()[payload.registration] || null);
}

/* Does the door admit entries now (its opening hours, as UTC instants)? */
function openNow(listed, at) {
  const windows = (listed.hours && listed.hours.windows) || [];
  if (!windows.length) return true;
  const now = new Date(at).getTime();
  return windows.some(function (w) { return new Date(w.start).getTime() <= now && now < new Date(w.end).getTime(); });
}

/* The people on the door's list whose names (or organisation) start with every word of
   `query`, whichever script either is written in; null when there is no list. */
export function searchOffline(query) {
  if (!list || list.checkpoint.id !== checkpointId()) return null;
  if (!searchIndex) {
    searchIndex = Object.keys(list.badges).map(function (hash) {
      const entry = list.badges[hash];
      const words = searchKey([entry.name, entry.passport_name, entry.organisation].join(" "), translitTable);
      return { entry: entry, words: words.split(" ") };
    }).sort(function (a, b) { return a.entry.name.localeCompare(b.entry.name); });
  }
  const wanted = queryWords(query, translitTable);
  if (!wanted.length) return [];
  return searchIndex.filter(function (person) {
    return wanted.every(function (w) { return person.words.some(function (word) { return word.startsWith(w); }); });
  }).slice(0, SEARCH_LIMIT).map(function (person) { return person.entry; });
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
  entryFor(listed, payload).then(function (entry) {
    const when = fill(texts.offlineAnswer, { t: hhmm(new Date(listed.generated_at)) });
    // The list holds only the people this door admits.
    if (!entry) {
      showAnswer("red", texts.red, null, texts.unknownOffline + " " + when);
      return;
    }
    const delegate = entry;
    if (payload.direction === "in" && !openNow(listed, payload.scanned_at)) {
      showAnswer("red", texts.red, delegate, fill(texts.outsideHoursOffline, { hours: listed.hours.text }));
      return;
    }
    const key = payload.checkpoint + ":" + entry.registration;
    return withStore("entries", "readonly", function (s) { return s.get(key); }).then(function (seen) {
      if (payload.direction === "in" && seen && seen.inside) {
        showAnswer("amber", texts.amber, delegate, fill(texts.insideOffline, { t: hhmm(new Date(seen.at)) }));
        return;
      }
      withStore("entries", "readwrite", function (s) {
        return s.put({ key: key, inside: payload.direction === "in", at: payload.scanned_at });
      });
      // The organisers' chosen answer shows on an entry only, as online.
      const shown = payload.direction === "out" ? Object.assign({}, delegate, { answer: null }) : delegate;
      showAnswer("green", payload.direction === "out" ? texts.exit : texts.green, shown, when);
    });
  }).then(function () { return queued; }).then(updateQueue);
}
