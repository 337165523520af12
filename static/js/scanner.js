/* The door scanner: camera (BarcodeDetector or jsQR), keyboard-wedge field, name search,
   full-screen answers with sounds, and an offline mode (IndexedDB queue + digest list). */
(function () {
  "use strict";

  var root = document.getElementById("scanner");
  if (!root || !document.getElementById("checkpoint")) return;

  var T = JSON.parse(root.dataset.texts);
  var CATEGORIES = JSON.parse(root.dataset.categories);
  var ANSWER_MS = 2000;
  var SAME_CODE_MS = 4000;
  var FETCH_TIMEOUT_MS = 5000;

  var el = function (id) { return document.getElementById(id); };
  var checkpointSelect = el("checkpoint");
  var codeInput = el("code");
  var answer = el("answer");
  var state = {
    busy: false,
    lastCode: "",
    lastCodeAt: 0,
    online: navigator.onLine,
    list: null,
    lastAccepted: null,
    stream: null,
    detector: null,
    hideTimer: null,
  };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return values[key] !== undefined ? values[key] : m;
    });
  }
  function checkpointId() { return parseInt(checkpointSelect.value, 10); }
  function direction() {
    return document.querySelector("input[name=direction]:checked").value;
  }
  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function hhmm(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
  }

  /* ---------- IndexedDB: the offline list per checkpoint, the queue, local entries ---------- */
  var dbPromise = new Promise(function (resolve, reject) {
    if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
    var request = indexedDB.open("forum-scanner", 1);
    request.onupgradeneeded = function () {
      var db = request.result;
      db.createObjectStore("lists", { keyPath: "checkpoint" });
      db.createObjectStore("queue", { keyPath: "nonce" });
      db.createObjectStore("entries", { keyPath: "key" });
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
  function store(name, mode, work) {
    return dbPromise.then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var result = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(result instanceof IDBRequest ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function queueCount() {
    return store("queue", "readonly", function (s) { return s.count(); });
  }

  /* ---------- sounds: Web Audio beeps, one pattern per answer ---------- */
  var audio = null;
  function unlockAudio() {
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
    }
    if (audio && audio.state === "suspended") audio.resume();
  }
  document.addEventListener("pointerdown", unlockAudio);
  document.addEventListener("keydown", unlockAudio);
  function beep(frequency, start, length, type) {
    if (!audio) return;
    var osc = audio.createOscillator();
    var gain = audio.createGain();
    osc.type = type || "sine";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, audio.currentTime + start);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + start + length);
    osc.connect(gain).connect(audio.destination);
    osc.start(audio.currentTime + start);
    osc.stop(audio.currentTime + start + length + 0.02);
  }
  var SOUNDS = {
    green: function () { beep(880, 0, 0.12); beep(1320, 0.14, 0.18); },
    amber: function () { beep(660, 0, 0.15, "triangle"); beep(660, 0.22, 0.15, "triangle"); },
    red: function () { beep(196, 0, 0.6, "square"); },
  };

  /* ---------- the full-screen answer ---------- */
  function show(colour, title, delegate, message) {
    clearTimeout(state.hideTimer);
    answer.className = "answer answer-" + colour;
    el("answer-title").textContent = title;
    el("answer-name").textContent = delegate && delegate.name ? delegate.name : "";
    var org = [];
    if (delegate && delegate.organisation) org.push(delegate.organisation);
    if (delegate && (delegate.country_name || delegate.country)) {
      org.push(delegate.country_name || delegate.country);
    }
    el("answer-org").textContent = org.join(" · ");
    var category = el("answer-category");
    category.textContent = delegate && delegate.category
      ? (delegate.category_label || CATEGORIES[delegate.category] || delegate.category) : "";
    category.className = "answer-category" + (delegate && delegate.category
      ? " category-chip category-" + delegate.category : "");
    var photo = el("answer-photo");
    if (delegate && delegate.photo_url) {
      photo.src = delegate.photo_url;
      photo.hidden = false;
    } else {
      photo.removeAttribute("src");
      photo.hidden = true;
    }
    el("answer-message").textContent = message || "";
    answer.hidden = false;
    (SOUNDS[colour] || SOUNDS.red)();
    if (navigator.vibrate) navigator.vibrate(colour === "green" ? 80 : [200, 80, 200]);
    state.hideTimer = setTimeout(hide, ANSWER_MS);
  }
  function hide() {
    answer.hidden = true;
    state.busy = false;
    codeInput.focus();
  }
  answer.addEventListener("click", hide);

  function titleFor(result) {
    if (result.colour === "green") return result.direction === "out" ? T.exit : T.green;
    return result.colour === "amber" ? T.amber : T.red;
  }

  /* ---------- sending a scan (online), or judging it offline and queueing it ---------- */
  function postJSON(url, payload) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify(payload),
      signal: controller ? controller.signal : undefined,
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  function submit(payload) {
    if (state.busy) return;
    state.busy = true;
    payload.checkpoint = checkpointId();
    payload.direction = direction();
    payload.nonce = nonce();
    // The server's clock times live scans (a phone's clock may be wrong); the phone's time
    // is sent only with a scan that had to wait offline.
    var scannedAt = new Date().toISOString();
    var attempt = state.online ? postJSON(root.dataset.scansUrl, payload) : Promise.reject(new Error("offline"));
    attempt.then(function (response) {
      // Server trouble or too many scans from this device: judge it here and queue it.
      if (response.status >= 500 || response.status === 429) throw new Error("server " + response.status);
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (reply) {
      setOnline(true);
      if (reply.status !== 200) {
        show("red", T.red, null, reply.data.message);
        return;
      }
      var result = reply.data;
      show(result.colour, titleFor(result), result.delegate, result.message);
      if (result.status === "accepted" && result.annul_until) rememberAccepted(result);
    }).catch(function () {
      setOnline(false);
      payload.scanned_at = scannedAt;
      judgeOffline(payload);
    });
  }

  function digest(code) {
    var bytes = new TextEncoder().encode(code.trim());
    return crypto.subtle.digest("SHA-256", bytes).then(function (buffer) {
      return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
    });
  }

  function judgeOffline(payload) {
    payload.offline = true;
    var queued = store("queue", "readwrite", function (s) { return s.put(payload); });
    var listed = state.list && state.list.checkpoint.id === payload.checkpoint ? state.list : null;
    if (!listed) {
      queued.then(updateQueue);
      show("amber", T.offline, null, T.noList);
      return;
    }
    var lookup = payload.code ? digest(payload.code) : Promise.resolve(null);
    lookup.then(function (hash) {
      var entry = hash ? listed.badges[hash] : null;
      var when = fill(T.offlineAnswer, { t: hhmm(new Date(listed.generated_at)) });
      if (!entry) {
        show("red", T.red, null, T.unknownOffline + " " + when);
        return;
      }
      var delegate = entry.name ? { name: entry.name, organisation: entry.organisation, category: entry.category } : null;
      if (!entry.allowed && payload.direction === "in") {
        show("red", T.red, delegate, (T["reason_" + entry.reason] || T.notAllowed) + ". " + when);
        return;
      }
      var key = payload.checkpoint + ":" + hash;
      return store("entries", "readonly", function (s) { return s.get(key); }).then(function (seen) {
        if (payload.direction === "in" && seen && seen.inside) {
          show("amber", T.amber, delegate, fill(T.insideOffline, { t: hhmm(new Date(seen.at)) }));
          return;
        }
        store("entries", "readwrite", function (s) {
          return s.put({ key: key, inside: payload.direction === "in", at: payload.scanned_at });
        });
        show("green", payload.direction === "out" ? T.exit : T.green, delegate, when);
      });
    }).then(function () { return queued; }).then(updateQueue);
  }

  function setOnline(online) {
    state.online = online;
    el("net").textContent = online ? T.online : T.offline;
    el("net").className = "net" + (online ? "" : " net-offline");
    updateQueue();
  }

  function updateQueue() {
    return queueCount().then(function (n) {
      var net = el("net");
      net.textContent = (state.online ? T.online : T.offline) + (n ? " · " + fill(T.waiting, { n: n }) : "");
      if (n && state.online) flushQueue();
    }).catch(function () {});
  }

  var flushing = false;
  function flushQueue() {
    if (flushing) return;
    flushing = true;
    store("queue", "readonly", function (s) { return s.getAll(); }).then(function (items) {
      var chain = Promise.resolve();
      items.forEach(function (item) {
        chain = chain.then(function () {
          return postJSON(root.dataset.scansUrl, item).then(function (response) {
            // Kept for later: server trouble, signed out, an expired page (CSRF: 400) or the
            // rate limit. Recorded (200) or refused for good (403 door no longer allowed,
            // 404 door gone, 409 nonce clash) leaves the queue.
            if ([200, 403, 404, 409].indexOf(response.status) < 0) {
              state.needsReload = response.status === 400 || response.status === 401;
              throw new Error("retry later");
            }
            state.needsReload = false;
            return store("queue", "readwrite", function (s) { return s.delete(item.nonce); });
          });
        });
      });
      return chain;
    }).then(function () {
      return store("entries", "readwrite", function (s) { return s.clear(); });
    }).catch(function () {
      state.online = false;
    }).finally(function () {
      flushing = false;
      queueCount().then(function (n) {
        el("net").textContent = (state.online ? T.online : T.offline) + (n ? " · " + fill(T.waiting, { n: n }) : "")
          + (n && state.needsReload ? " · " + T.reload : "");
        if (!n) refreshStats();
      });
    });
  }

  window.addEventListener("online", function () { setOnline(true); flushQueue(); });
  window.addEventListener("offline", function () { setOnline(false); });
  setInterval(function () {
    if (!state.online) {
      fetch(root.dataset.scansUrl.replace(/scans$/, "checkpoints"), { credentials: "same-origin" })
        .then(function (r) { if (r.ok) { setOnline(true); flushQueue(); } })
        .catch(function () {});
    } else {
      updateQueue();
    }
  }, 5000);

  /* ---------- the offline list and the door's figures ---------- */
  function loadList() {
    var id = checkpointId();
    state.list = null;
    store("lists", "readonly", function (s) { return s.get(id); }).then(function (saved) {
      // The list kept from an earlier visit, until (unless) a fresh one arrives.
      if (saved && saved.list && checkpointId() === id && !state.list) state.list = saved.list;
    }).catch(function () {});
    fetch(root.dataset.offlineUrl.replace("/0/", "/" + id + "/"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (list) {
        list.checkpoint.id = id;
        state.list = { checkpoint: list.checkpoint, generated_at: list.generated_at, badges: list.badges };
        root.dataset.listSize = Object.keys(list.badges).length;
        return store("lists", "readwrite", function (s) { return s.put({ checkpoint: id, list: state.list }); });
      }).catch(function () {});
  }

  function refreshStats() {
    if (!state.online) return;
    fetch(root.dataset.statsUrl.replace("/0/", "/" + checkpointId() + "/"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (stats) {
        el("inside").textContent = stats.capacity
          ? fill(T.insideOf, { n: stats.inside, c: stats.capacity })
          : fill(T.inside, { n: stats.inside });
      }).catch(function () {});
  }
  setInterval(refreshStats, 10000);

  function remember() {
    try {
      localStorage.setItem("forum-scanner", JSON.stringify({ checkpoint: checkpointSelect.value, direction: direction() }));
    } catch (e) { /* private mode */ }
  }
  try {
    var saved = JSON.parse(localStorage.getItem("forum-scanner") || "null");
    if (saved && checkpointSelect.querySelector("option[value='" + saved.checkpoint + "']")) {
      checkpointSelect.value = saved.checkpoint;
    }
    if (saved && saved.direction === "out") el("dir-out").checked = true;
  } catch (e) { /* ignore */ }
  checkpointSelect.addEventListener("change", function () {
    remember(); loadList(); refreshStats(); codeInput.focus();
  });
  document.querySelectorAll("input[name=direction]").forEach(function (radio) {
    radio.addEventListener("change", function () { remember(); codeInput.focus(); });
  });

  /* ---------- annulling the last accepted scan (within two minutes) ---------- */
  function rememberAccepted(result) {
    state.lastAccepted = result;
    el("annul-bar").hidden = false;
    var until = new Date(result.annul_until).getTime() - Date.now();
    setTimeout(function () {
      if (state.lastAccepted === result) { el("annul-bar").hidden = true; state.lastAccepted = null; }
    }, Math.max(0, until));
  }
  el("annul").addEventListener("click", function () {
    var last = state.lastAccepted;
    if (!last) return;
    postJSON(root.dataset.annulUrl.replace("NONCE", encodeURIComponent(last.nonce)), {})
      .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, data: d }; }); })
      .then(function (reply) {
        el("annul-bar").hidden = true;
        state.lastAccepted = null;
        show(reply.ok ? "amber" : "red", reply.ok ? T.annulled : T.red, last.delegate, reply.ok ? "" : reply.data.message);
        refreshStats();
      }).catch(function () {});
  });

  /* ---------- the keyboard wedge: a handheld scanner types the code and Enter ---------- */
  el("wedge").addEventListener("submit", function (event) {
    event.preventDefault();
    var code = codeInput.value.trim();
    codeInput.value = "";
    if (code) submit({ code: code });
  });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag !== "input" && tag !== "select" && tag !== "textarea" && event.key.length === 1) {
      codeInput.focus();
    }
  });

  /* ---------- the name search, with a confirmation ---------- */
  var results = el("results");
  el("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = el("q").value.trim();
    results.textContent = "";
    if (q.replace(/\s/g, "").length < 3) { addNote(T.searchShort); return; }
    var url = root.dataset.searchUrl + "?q=" + encodeURIComponent(q) + "&checkpoint=" + checkpointId();
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.results || !data.results.length) { addNote(data.message || T.searchNone); return; }
        data.results.forEach(function (person) { results.appendChild(resultItem(person)); });
      }).catch(function () { addNote(T.error); });
  });
  function addNote(text) {
    var li = document.createElement("li");
    li.className = "muted";
    li.textContent = text;
    results.appendChild(li);
  }
  function resultItem(person) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "result" + (person.allowed === false ? " result-refused" : "");
    var name = document.createElement("strong");
    name.textContent = person.name;
    var details = document.createElement("span");
    details.textContent = [person.organisation, person.country_name, person.category_label, person.state_label].join(" · ");
    button.appendChild(name);
    button.appendChild(details);
    if (person.allowed === false) {
      var why = document.createElement("span");
      why.className = "why";
      why.textContent = person.message;
      button.appendChild(why);
    }
    button.addEventListener("click", function () { confirmPerson(person); });
    li.appendChild(button);
    return li;
  }
  function confirmPerson(person) {
    var dialog = el("confirm");
    el("confirm-text").textContent = fill(direction() === "out" ? T.confirmOut : T.confirm, { name: person.name });
    dialog.returnValue = "";
    dialog.onclose = function () {
      if (dialog.returnValue === "yes") {
        results.textContent = "";
        el("q").value = "";
        submit({ registration: person.registration });
      }
    };
    dialog.showModal();
  }

  /* ---------- the camera: BarcodeDetector where present, else jsQR on canvas frames ---------- */
  var video = el("video");
  var canvas = el("frame");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var toggle = el("camera-toggle");

  function onCode(code) {
    var now = Date.now();
    if (state.busy || !answer.hidden) return;
    if (code === state.lastCode && now - state.lastCodeAt < SAME_CODE_MS) return;
    state.lastCode = code;
    state.lastCodeAt = now;
    submit({ code: code });
  }

  function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      toggle.textContent = T.cameraDenied;
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        state.stream = stream;
        video.srcObject = stream;
        return video.play();
      }).then(function () {
        toggle.textContent = T.cameraOff;
        root.classList.add("camera-live");
        if ("BarcodeDetector" in window) {
          return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
            if (formats.indexOf("qr_code") >= 0) state.detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          }).catch(function () {});
        }
      }).then(function () { requestAnimationFrame(tick); })
      .catch(function () {
        toggle.textContent = T.cameraDenied;
        root.classList.remove("camera-live");
      });
  }
  function stopCamera() {
    if (state.stream) state.stream.getTracks().forEach(function (t) { t.stop(); });
    state.stream = null;
    video.srcObject = null;
    toggle.textContent = T.cameraOn;
    root.classList.remove("camera-live");
  }
  toggle.addEventListener("click", function () {
    if (state.stream) stopCamera(); else startCamera();
  });

  var lastFrame = 0;
  function tick(time) {
    if (!state.stream) return;
    if (time - lastFrame < 150 || video.readyState < 2) { requestAnimationFrame(tick); return; }
    lastFrame = time;
    if (state.detector) {
      state.detector.detect(video).then(function (codes) {
        if (codes.length) onCode(codes[0].rawValue);
      }).catch(function () {}).finally(function () { requestAnimationFrame(tick); });
      return;
    }
    if (window.jsQR) {
      var scale = Math.min(1, 640 / (video.videoWidth || 640));
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data) onCode(found.data);
    }
    requestAnimationFrame(tick);
  }

  /* ---------- the service worker: the scanner opens without a network ---------- */
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: root.dataset.swScope }).catch(function () {});
  }

  loadList();
  refreshStats();
  updateQueue();
  codeInput.focus();
  startCamera();
})();
