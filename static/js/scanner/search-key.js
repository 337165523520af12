/* forum.translit.search_key() in the browser, for the name search on the door's offline
   list: the same key for a name whichever script it is typed in ("kamyshyn" and
   "Камишин" -> "kamishin"). The rules come from the server as data
   (forum.translit.search_key_table(), the scanner's data-translit); the steps follow the
   Python function one by one, and tests/search/search_key_vectors.json holds names both
   must turn into the same keys (tests/test_translit.py, tests/browser/test_door_staff.py).

   Latin letters and Cyrillic are covered, which is what a door types; letters of other
   scripts are dropped here (the server spells them with anyascii). */

import { cyrillicToLatin } from "../passport-latin.js";

// The Python _VARIANTS, in order.
const VARIANTS = [
  [/[kg]h|g/g, "h"],
  [/[yj]/g, "i"],
  [/i+/g, "i"],
  [/w/g, "v"],
];

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
  let key = toAscii(cyrillicToLatin(text, table), table).toLowerCase().replace(/[^a-z]+/g, " ").trim();
  VARIANTS.forEach(function (variant) { key = key.replace(variant[0], variant[1]); });
  return key;
}

/* The keys a query's words must start (forum.search.keys.query_words). */
export function queryWords(query, table) {
  return [...new Set(searchKey(query, table).split(" ").filter(Boolean))];
}
