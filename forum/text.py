"""Small text helpers shared by search, exports and sorting."""

import unicodedata

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def fold(text: str) -> str:
    """Lower-case and strip accents, for search and sorting: 'Sébastien' -> 'sebastien'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spreadsheet_safe(value: object) -> object:
    """Neutralise a cell that a spreadsheet would run as a formula ('=SUM(...)' -> "'=SUM(...)")."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
