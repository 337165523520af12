/* The name search for a delegate without their badge, at the chosen door: the results,
   then a confirmation before the scan is sent. */
import { searchUrl } from "./api.js";
import { checkpointId, direction, el, fill, texts } from "./page.js";
import { submit } from "./scan.js";

const results = el("results");

function addNote(text) {
  const li = document.createElement("li");
  li.className = "muted";
  li.textContent = text;
  results.appendChild(li);
}

/* Someone the door admits is a button that scans them; anyone else comes with their name
   and "send to the accreditation desk" only, nothing to scan. */
function resultItem(person) {
  const li = document.createElement("li");
  const name = document.createElement("strong");
  name.textContent = person.name;
  if (!person.allowed) {
    const refused = document.createElement("div");
    refused.className = "result result-refused";
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = person.message;
    refused.appendChild(name);
    refused.appendChild(why);
    li.appendChild(refused);
    return li;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "result";
  const details = document.createElement("span");
  details.textContent = [person.organisation, person.country_name, person.category_label].filter(Boolean).join(" · ");
  button.appendChild(name);
  button.appendChild(details);
  button.addEventListener("click", function () { confirmPerson(person); });
  li.appendChild(button);
  return li;
}

function confirmPerson(person) {
  const dialog = el("confirm");
  el("confirm-text").textContent = fill(direction() === "out" ? texts.confirmOut : texts.confirm, { name: person.name });
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

export function setUpSearch() {
  el("search").addEventListener("submit", function (event) {
    event.preventDefault();
    const q = el("q").value.trim();
    results.textContent = "";
    if (q.replace(/\s/g, "").length < 3) { addNote(texts.searchShort); return; }
    fetch(searchUrl(q, checkpointId()), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.results || !data.results.length) { addNote(data.message || texts.searchNone); return; }
        data.results.forEach(function (person) { results.appendChild(resultItem(person)); });
      }).catch(function () { addNote(texts.error); });
  });
}
