"""Small text helpers shared by search, exports, sorting and e-mail addresses."""

import unicodedata

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters one does not see but that change how a name reads: controls (Cc), format
# characters (Cf: U+202E right-to-left override, zero-width spaces and joiners, U+FEFF),
# surrogates (Cs), line and paragraph separators (Zl U+2028, Zp U+2029).
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def fold(text: str) -> str:
    """Lower-case and strip accents, for search and sorting: 'Sébastien' -> 'sebastien'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_hidden_characters(text: str) -> bool:
    """Does `text` hold a character of HIDDEN_CATEGORIES? Names must read as they print."""
    return any(unicodedata.category(c) in HIDDEN_CATEGORIES for c in text)


def normalise_email(email: str) -> str:
    """The form in which an e-mail address is stored and compared: trimmed, lower-cased.

    lower(), not casefold(): accounts keep this form as their address, and
    casefold() would turn 'ß' into 'ss', which is another mailbox.
    """
    return email.strip().lower()


def name_key(name: str) -> str:
    """How names that are unique within an event (rooms, checkpoints) are compared: trimmed
    and lower-cased, as the database's unique indexes on lower(name) compare them."""
    return name.strip().lower()


def spreadsheet_safe(value: object) -> object:
    """Neutralise a cell that a spreadsheet would run as a formula ('=SUM(...)' -> "'=SUM(...)")."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
