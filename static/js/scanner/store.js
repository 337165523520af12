/* IndexedDB, what the scanner remembers across reloads: "lists" (each door's offline
   list), "queue" (scans waiting to be sent) and "entries" (who this scanner let in while
   offline). The database opens on first use. */

let database = null;

function openDatabase() {
  if (database) return database;
  database = new Promise(function (resolve, reject) {
    if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
    const request = indexedDB.open("forum-scanner", 1);
    request.onupgradeneeded = function () {
      const db = request.result;
      db.createObjectStore("lists", { keyPath: "checkpoint" });
      db.createObjectStore("queue", { keyPath: "nonce" });
      db.createObjectStore("entries", { keyPath: "key" });
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
  return database;
}

/* Runs `work(objectStore)` in a transaction; resolves, once it completes, to what `work`
   returned (a request's result if it returned a request). */
export function withStore(name, mode, work) {
  return openDatabase().then(function (db) {
    return new Promise(function (resolve, reject) {
      const tx = db.transaction(name, mode);
      const result = work(tx.objectStore(name));
      tx.oncomplete = function () { resolve(result instanceof IDBRequest ? result.result : result); };
      tx.onerror = function () { reject(tx.error); };
    });
  });
}

export function queueCount() {
  return withStore("queue", "readonly", function (s) { return s.count(); });
}

/* Deletes the scanner's database (at sign-out: the lists name people). Resolves once it is
   gone, or could not be deleted. */
export function forgetAll() {
  const open = database;
  database = null;
  const closed = open ? open.then(function (db) { db.close(); }).catch(function () {}) : Promise.resolve();
  return closed.then(function () {
    return new Promise(function (resolve) {
      if (!window.indexedDB) { resolve(); return; }
      const request = indexedDB.deleteDatabase("forum-scanner");
      request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
    });
  });
}
