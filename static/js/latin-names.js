// The passport (Latin) form of a name, suggested while the name is typed
// (templates/registration/_person_fields.html). The rules come from the server
// (forum.translit.browser_table) as data-translit; the suggestion stops as soon as the
// person edits the Latin field, and names in Latin letters need no Latin field.
(function () {
  "use strict";

  const CYRILLIC_WORD = /[\u0400-\u04ff'ʼ’]+/g;

  function isLatin(text) {
    return [...text].every((c) => !/\p{L}/u.test(c) || /\p{Script=Latin}/u.test(c));
  }

  function isUpper(word) {
    return word === word.toUpperCase() && word !== word.toLowerCase();
  }

  function ukrainianWord(word, table) {
    const lower = word.toLowerCase();
    let out = "";
    for (let i = 0; i < lower.length; i++) {
      const letter = lower[i];
      let latin;
      if (letter === "г" && i > 0 && lower[i - 1] === "з") {
        latin = "gh";
      } else if (letter in table.atWordStart) {
        latin = (i === 0 ? table.atWordStart : table.elsewhere)[letter];
      } else if (letter in table.letters) {
        latin = table.letters[letter];
      } else {
        latin = (table.anyascii[letter] ?? letter).toLowerCase();
      }
      if (word[i] !== letter && latin) {
        latin = word.length > 1 && isUpper(word)
          ? latin.toUpperCase()
          : latin[0].toUpperCase() + latin.slice(1);
      }
      out += latin;
    }
    return out;
  }

  function cyrillicWord(word, table) {
    if ([...word].some((c) => table.notUkrainian.includes(c))) {
      return [...word].map((c) => table.anyascii[c] ?? c).join("");
    }
    return ukrainianWord(word, table);
  }

  // passport_latin() for Latin and Cyrillic text; null for other scripts (the server
  // spells those when the form is sent).
  function passportLatin(text, table) {
    if (isLatin(text)) return text;
    const out = text.replace(CYRILLIC_WORD, (word) => cyrillicWord(word, table));
    return isLatin(out) ? out : null;
  }

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

  if (typeof module !== "undefined") {
    module.exports = { passportLatin, isLatin };  // for the tests (node)
    return;
  }
  const holder = document.querySelector("[data-translit]");
  if (!holder) return;
  const table = JSON.parse(holder.dataset.translit);
  document.querySelectorAll("[data-latin-of]").forEach((wrapper) => follow(wrapper, table));
})();
