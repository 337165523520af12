/* forum.translit.passport_latin() in the browser, for Latin and Cyrillic text: the 2010
   Ukrainian passport transliteration, anyascii for other Cyrillic (Russian) words. The
   rules come from the server as data (forum.translit.browser_table()), so that the page
   and the server spell alike. Used by latin-names.js (the registration form's suggestion)
   and scanner/search-key.js (the door's offline name search). */

const CYRILLIC_WORD = /[\u0400-\u04ff'ʼ’]+/g;

export function isLatin(text) {
  return [...text].every((c) => !/\p{L}/u.test(c) || /\p{Script=Latin}/u.test(c));
}

function isUpper(word) {
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

/* translit.ukrainian_word: the passport transliteration of one word. */
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

/* `text` with its Cyrillic words in Latin letters; letters of other scripts as they are. */
export function cyrillicToLatin(text, table) {
  return isLatin(text) ? text : text.replace(CYRILLIC_WORD, (word) => cyrillicWord(word, table));
}

/* passport_latin() for Latin and Cyrillic text; null for other scripts (the server spells
   those when the form is sent). */
export function passportLatin(text, table) {
  const out = cyrillicToLatin(text, table);
  return isLatin(out) ? out : null;
}
