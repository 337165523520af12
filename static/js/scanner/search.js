/* The name search for a delegate without their badge, at the chosen door: the results
   (photo, name and its passport Latin form, organisation, category), then a confirmation
   with the same photo and names before the scan is sent. Without a network it searches
   the door's offline list, which holds only the people this door admits. */
import { isOnline, searchUrl } from "./api.js";
import { searchOffline } from "./offline.js";
import { categoryLabels, checkpointId, direction, el, fill, texts } from "./page.js";
import { submit } from "./scan.js";

const results = el("results");

function addNote(text) {
  const li = document.createElement("li");
  li.className = "muted";
  li.textContent = text;
  results.appendChild(li);
}

function photoOf(person, className) {
  if (!person.photo_url) return null;
  const img = document.createElement("img");
  img.className = className;
  img.src = person.photo_url;
  img.alt = "";
  return img;
}

function line(text, className) {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  return span;
}

/* Someone the door admits is a button that scans them; anyone else comes with their name
   and "send to the accreditation desk" only, nothing to scan. */
function resultItem(person) {
  const li = document.createElement("li");
  if (!person.allowed) {
    const refused = document.createElement("div");
    refused.className = "result result-refused";
    refused.appendChild(line(person.name, "result-name"));
    refused.appendChild(line(person.message, "why"));
    li.appendChild(refused);
    return li;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "result";
  const photo = photoOf(person, "result-photo");
  if (photo) button.appendChild(photo);
  const words = document.createElement("span");
  words.className = "result-words";
  words.appendChild(line(person.name, "result-name"));
  if (person.passport_name) words.appendChild(line(person.passport_name, "result-latin"));
  const category = person.category_label || categoryLabels[person.category] || "";
  words.appendChild(line([person.organisation, person.country_name, category].filter(Boolean).join(" · "), "result-details"));
  button.appendChild(words);
  button.addEventListener("click", function () { confirmPerson(person); });
  li.appendChild(button);
  return li;
}

function confirmPerson(person) {
  const dialog = el("confirm");
  el("confirm-text").textContent = fill(direction() === "out" ? texts.confirmOut : texts.confirm, { name: person.name });
  el("confirm-latin").textContent = person.passport_name || "";
  el("confirm-latin").hidden = !person.passport_name;
  const photo = el("confirm-photo");
  if (person.photo_url) { photo.src = person.photo_url; photo.hidden = false; } else { photo.removeAttribute("src"); photo.hidden = true; }
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

function showOffline(query) {
  const found = searchOffline(query);
  if (found === null) { addNote(texts.searchNoList); return; }
  addNote(texts.searchOffline);
  if (!found.length) { addNote(texts.searchNone); return; }
  found.forEach(function (entry) {
    results.appendChild(resultItem(Object.assign({ allowed: true }, entry)));
  });
}

export function setUpSearch() {
  el("search").addEventListener("submit", function (event) {
    event.preventDefault();
    const q = el("q").value.trim();
    results.textContent = "";
    if (q.replace(/\s/g, "").length < 3) { addNote(texts.searchShort); return; }
    if (!isOnline()) { showOffline(q); return; }
    fetch(searchUrl(q, checkpointId()), { credentials: "same-origin" })
      .then(function (r) {
        if (r.status >= 500) throw new Error(r.status);
        return r.json();
      })
      .then(function (data) {
        if (!data.results || !data.results.length) { addNote(data.message || texts.searchNone); return; }
        data.results.forEach(function (person) { results.appendChild(resultItem(person)); });
      }).catch(function () { results.textContent = ""; showOffline(q); });
  });
}
