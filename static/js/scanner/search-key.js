/* forum.translit.search_key() in the browser, for the name search on the door's offline
   list: the same key for a name whichever script it is typed in ("kamyshyn" and
   "Камишин" -> "kamishin"). The rules come from the server as data
   (forum.translit.search_key_table(), the scanner's data-translit); the steps follow the
   Python function one by one, and tests/search/search_key_vectors.json holds names both
   must turn into the same keys (tests/test_translit.py, tests/browser/test_door_staff.py).

   Latin letters and Cyrillic are covered, which is what a door types; letters of other
   scripts are dropped here (the server spells them with anyascii). */

const CYRILLIC_WORD = /[\u0400-\u04ff'ʼ’]+/g;

// The Python _VARIANTS, in order.
const VARIANTS = [
  [/[kg]h|g/g, "h"],
  [/[yj]/g, "i"],
  [/i+/g, "i"],
  [/w/g, "v"],
];

export function isLatin(text) {
  return [...text].every(function (c) { return !/\p{L}/u.test(c) || /\p{Script=Latin}/u.test(c); });
}

function isUpper(word) {
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

/* translit.ukrainian_word: the 2010 passport transliteration of one word. */
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
      latin = word.length > 1 && isUpper(word) ? latin.toUpperCase() : latin[0].toUpperCase() + latin.slice(1);
    }
    out += latin;
  }
  return out;
}

function cyrillicWord(word, table) {
  if ([...word].some(function (c) { return table.notUkrainian.includes(c); })) {
    return [...word].map(function (c) { return table.anyascii[c] ?? c; }).join("");
  }
  return ukrainianWord(word, table);
}

/* anyascii() for the letters a door types: the server's table for those whose ASCII form
   is not the letter without its accents (ß, ł, ø, Cyrillic), else the accents dropped. */
function toAscii(text, table) {
  return [...text].map(function (c) {
    if (c in table.latinFold) return table.latinFold[c];
    if (c in table.anyascii) return table.anyascii[c];
    return c.normalize("NFD").replace(/\p{M}/gu, "");
  }).join("");
}

export function searchKey(text, table) {
  let latin = text;
  if (!isLatin(latin)) latin = latin.replace(CYRILLIC_WORD, function (word) { return cyrillicWord(word, table); });
  let key = toAscii(latin, table).toLowerCase().replace(/[^a-z]+/g, " ").trim();
  VARIANTS.forEach(function (variant) { key = key.replace(variant[0], variant[1]); });
  return key;
}

/* The keys a query's words must start (forum.search.keys.query_words). */
export function queryWords(query, table) {
  return [...new Set(searchKey(query, table).split(" ").filter(Boolean))];
}
