"""The Ukrainian catalogue is complete: every user-facing string has a translation."""

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
