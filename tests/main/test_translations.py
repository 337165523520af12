"""The Ukrainian catalogue is complete: every user-facing string has a translation."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "forum" / "translations").glob("*/LC_MESSAGES/messages.po"))
KEYWORDS = {
    "_": None,
    "gettext": None,
    "_l": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
    "lazy_ngettext": (1, 2),
}


def source_messages() -> set[str]:
    methods = [
        ("forum/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=methods, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_there_is_a_ukrainian_catalogue():
    assert [p.parts[-3] for p in CATALOGUES] == ["uk"]


def test_every_source_string_is_translated():
    messages = source_messages()
    assert len(messages) > 50
    for path in CATALOGUES:
        with path.open("rb") as f:
            catalogue = read_po(f)
        translated = {
            (m.id if isinstance(m.id, str) else m.id[0])
            for m in catalogue
            if m.id
            and m.string
            and (isinstance(m.string, str) or all(m.string))
            and "fuzzy" not in m.flags
        }
        missing = sorted(messages - translated)
        assert missing == [], f"{path.parts[-3]} misses {len(missing)}: {missing[:10]}"


def test_placeholders_survive_translation():
    for path in CATALOGUES:
        with path.open("rb") as f:
            catalogue = read_po(f)
        for message in catalogue:
            if not message.id or not isinstance(message.id, str) or not message.string:
                continue  # untranslated strings are the other test's business
            for placeholder in ("%(" + part for part in message.id.split("%(")[1:]):
                name = placeholder.split(")")[0] + ")"
                assert name in message.string, (message.id, message.string)


# An apostrophe inside a Ukrainian word ("імʼя", "обовʼязково") is U+02BC, a letter,
# never the ASCII quote U+0027 or the closing quotation mark U+2019.
WRONG_APOSTROPHE = re.compile(r"[\u0400-\u04ff]['\u2019][\u0400-\u04ff]")


def test_ukrainian_words_use_one_apostrophe():
    for path in CATALOGUES:
        with path.open("rb") as f:
            catalogue = read_po(f)
        for message in catalogue:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                assert not WRONG_APOSTROPHE.search(string or ""), (message.id, string)
    for source in [*(ROOT / "templates").rglob("*.*"), ROOT / "forum" / "demo" / "data.py"]:
        text = source.read_text(encoding="utf-8", errors="replace")
        assert not WRONG_APOSTROPHE.search(text), (source, WRONG_APOSTROPHE.search(text))
