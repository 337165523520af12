"""Latin forms of names: the one printed in a passport, and the keys search compares.

Ukrainian passports write names in the national transliteration of 2010 (Cabinet of
Ministers of Ukraine resolution No. 55 of 27 January 2010): Шевчишин -> Shevchyshyn,
Юлія -> Yuliia, Згурська -> Zghurska. Other scripts get anyascii's Latin form, which
the person can correct. Text already in Latin letters keeps its accents (Sébastien).

Search compares keys, not names: a key is the Latin form folded to lower-case ASCII,
then with the spellings people use for one Ukrainian sound made alike (Oleksiy and
Oleksii, Yulia and Yuliia, Kh and H for Х and Г). Both the stored name and the query
go through the same steps, whichever script either was typed in.
"""

import re
import unicodedata

from anyascii import anyascii

# Letters whose Latin form depends on the place in the word (the resolution's table).
_AT_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_ELSEWHERE = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "ʼ": "", "’": "",
}  # fmt: skip
# Letters Ukrainian does not have: a word with one is Russian (or Belarusian), and the
# Ukrainian table would spell it wrongly.
NOT_UKRAINIAN = frozenset("ыэёъЫЭЁЪ")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff'ʼ’]+")


def is_latin(text: str) -> bool:
    """Is every letter of `text` a Latin one (accents allowed)?"""
    return all("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha())


def ukrainian_word(word: str) -> str:
    """One word in the 2010 passport transliteration; the capitals follow the original."""
    out = []
    lower = word.lower()
    for i, letter in enumerate(lower):
        if letter == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"  # зг -> zgh, so that it is not read as the letter ж (zh)
        elif letter in _AT_WORD_START:
            latin = (_AT_WORD_START if i == 0 else _ELSEWHERE)[letter]
        else:
            latin = _LETTERS.get(letter, anyascii(letter).lower())
        if word[i] != letter and latin:
            all_caps = len(word) > 1 and word.isupper()
            latin = latin.upper() if all_caps else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def _cyrillic_word(word: str) -> str:
    return anyascii(word) if NOT_UKRAINIAN & set(word) else ukrainian_word(word)


def passport_latin(text: str) -> str:
    """The Latin form a passport would print: Ukrainian by the 2010 rules, other
    non-Latin scripts by anyascii, Latin text as it is."""
    if is_latin(text):
        return text
    text = _CYRILLIC_WORD.sub(lambda m: _cyrillic_word(m.group()), text)
    return anyascii(text) if not is_latin(text) else text


# Spellings of one sound made alike, applied to folded ASCII keys in this order. They
# only look at the letters themselves, never at the next one, so a query typed halfway
# ("shevch") is still the start of the stored key.
_VARIANTS = (
    (re.compile(r"[kg]h|g"), "h"),  # Х as kh or h; Г as h or g (Russian-style spellings)
    (re.compile(r"[yj]"), "i"),  # Oleksiy, Oleksii; Yulia, Iuliia; Jurij
    (re.compile(r"i+"), "i"),  # Yuliia and Yulia; Oleksii and Oleksi
    (re.compile(r"w"), "v"),  # Władysław and Vladyslav
)


def search_key(text: str) -> str:
    """The form in which names are compared: Latin, lower-case ASCII letters and single
    spaces, with spelling variants made alike ('Oleksiy' and 'Олексій' -> 'oleksi')."""
    key = re.sub(r"[^a-z]+", " ", anyascii(passport_latin(text)).lower()).strip()
    for pattern, replacement in _VARIANTS:
        key = pattern.sub(replacement, key)
    return key


def browser_table() -> dict:
    """The rules of passport_latin() as data, for static/js/passport-latin.js: the
    registration form's suggestion of the passport form (latin-names.js) and the door's
    offline search (scanner/search-key.js) spell with it, so the page and the server agree.
    Scripts other than Cyrillic are left to the server."""
    cyrillic = [chr(code) for code in range(0x400, 0x500)] + ["'", "ʼ", "’"]
    return {
        "atWordStart": _AT_WORD_START,
        "elsewhere": _ELSEWHERE,
        "letters": _LETTERS,
        "anyascii": {c: anyascii(c) for c in cyrillic},
        "notUkrainian": "".join(sorted(NOT_UKRAINIAN)),
    }


def _without_accents(letter: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))


def search_key_table() -> dict:
    """The rules of search_key() as data, for the door scanner's name search on its offline
    list (static/js/scanner/search-key.js): browser_table() and, for the Latin letters
    whose ASCII form is not the letter without its accents (ß, ł, ø, þ), that form.
    tests/search/search_key_vectors.json holds names both sides must key alike."""
    latin = [
        chr(code)
        for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00))
        for code in range(start, end)
        if "LATIN" in unicodedata.name(chr(code), "")
    ]
    return {
        **browser_table(),
        "latinFold": {c: anyascii(c) for c in latin if anyascii(c) != _without_accents(c)},
    }
