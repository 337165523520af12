/* The name search for a delegate without their badge: the results, then a confirmation
   before the scan is sent. */
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

function resultItem(person) {
  const li = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "result" + (person.allowed === false ? " result-refused" : "");
  const name = document.createElement("strong");
  name.textContent = person.name;
  const details = document.createElement("span");
  details.textContent = [person.organisation, person.country_name, person.category_label, person.state_label].join(" · ");
  button.appendChild(name);
  button.appendChild(details);
  if (person.allowed === false) {
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = person.message;
    button.appendChild(why);
  }
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
