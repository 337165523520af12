"""The words search stores and looks up: search keys of names, cut to the column's size.

Kept free of models so that the migration that fills the table uses the same rules.
"""

from forum.translit import search_key

TERM_LENGTH = 60


def words_of(*texts: str) -> set[str]:
    """The distinct search keys of every word in `texts` ('Олександр Камишин' ->
    {'oleksandr', 'kamishin'})."""
    return {word[:TERM_LENGTH] for text in texts if text for word in search_key(text).split()}


def query_words(query: str) -> list[str]:
    """The keys a query's words must start, in the order typed, without repeats."""
    return list(dict.fromkeys(word[:TERM_LENGTH] for word in search_key(query).split()))


def next_prefix(key: str) -> str | None:
    """The smallest string above every string that starts with `key`, or None for no
    bound ('shev' -> 'shew', 'abz' -> 'ac', 'zz' -> None).

    Keys hold only the letters a-z, so the bound never needs a character outside
    them: the range `key <= term < next_prefix(key)` means the same under any
    collation and is an index range scan on SQLite and PostgreSQL alike (a
    LIKE 'key%' is one on PostgreSQL only with the C collation or text_pattern_ops).
    """
    stem = key.rstrip("z")
    return stem[:-1] + chr(ord(stem[-1]) + 1) if stem else None
