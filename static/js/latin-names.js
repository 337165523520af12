// The passport (Latin) form of a name, suggested while the name is typed
// (templates/registration/_person_fields.html). The rules come from the server
// (forum.translit.browser_table) as data-translit; the suggestion stops as soon as the
// person edits the Latin field, and names in Latin letters need no Latin field. An ES module:
// the spelling itself is passport-latin.js, shared with the door's offline search.
import { isLatin, passportLatin } from "./passport-latin.js";

function follow(wrapper, table) {
  const latin = wrapper.querySelector("input");
  const source = document.getElementById(wrapper.dataset.latinOf);
  if (!latin || !source) return;
  // A Latin form that is not the suggestion for the name is the person's own: keep it.
  let edited = latin.value.trim() !== "" &&
    latin.value.trim() !== (passportLatin(source.value.trim(), table) ?? "");
  latin.addEventListener("input", () => { edited = latin.value.trim() !== ""; });
  source.addEventListener("input", () => {
    const name = source.value.trim();
    wrapper.hidden = isLatin(name);
    if (!edited) latin.value = passportLatin(name, table) ?? "";
  });
}

const holder = document.querySelector("[data-translit]");
if (holder) {
  const table = JSON.parse(holder.dataset.translit);
  document.querySelectorAll("[data-latin-of]").forEach((wrapper) => follow(wrapper, table));
}
