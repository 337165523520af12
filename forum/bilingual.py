"""Texts that organisers write and delegates read, in English and in Ukrainian.

Every such text is two columns on its model: the English one under the plain
name (`title`, `name`, ...) and the Ukrainian one beside it with `_uk` (`title_uk`).
Two columns rather than one JSON map of translations ({"uk": {"title": ...}})
because the forum has exactly two languages and:

- the editor stays simple: a WTForms field `title_uk` is filled from and saved to
  the column of that name like any other field (`obj=session`, one assignment);
- the database guards the limits (`String(200)` on both languages, as on the form)
  and a query can filter or sort on either language without JSON operators, the
  same on SQLite and PostgreSQL;
- no mutable-JSON change tracking to get wrong.

A third language would be a migration adding its columns, which is the review a
new language deserves anyway.

The English text is required where the text is one (a session's title, a room's
name): it is what the audit log, the exports and the uniqueness rules use. Either
language may be missing in an optional text; the reader then gets the other one
(`localized`). Organisers' pages mark a missing translation ("not translated yet",
see `_macros/labels.html`); delegates' pages never do.
"""

from dataclasses import dataclass

from flask import Flask
from flask_babel import get_locale

LANGUAGES = ("en", "uk")


def column_for(field: str, language: str) -> str:
    """The attribute holding `field` in `language`: `title` (English) or `title_uk`."""
    return field if language == "en" else f"{field}_{language}"


class Bilingual:
    """Mixin for models with English/Ukrainian text columns (`field` and `field_uk`)."""

    def in_language(self, field: str, language: str) -> str:
        """`field` exactly as written in `language` ("" when not written)."""
        if language not in LANGUAGES:
            language = LANGUAGES[0]
        return getattr(self, column_for(field, language)) or ""

    def localized(self, field: str, language: str) -> str:
        """`field` in `language`, else in the other language (a missing translation
        falls back, so a reader never gets an empty title)."""
        own = self.in_language(field, language)
        if own:
            return own
        for other in LANGUAGES:
            if other != language and self.in_language(field, other):
                return self.in_language(field, other)
        return ""

    def untranslated(self, field: str, language: str) -> bool:
        """Is `field` written in another language but not in `language`?"""
        return not self.in_language(field, language) and bool(self.localized(field, language))

    def missing_languages(self, *fields: str) -> list[str]:
        """The languages one of `fields` still waits for (none when each is written in
        none or all)."""
        return [
            language
            for language in LANGUAGES
            if any(self.untranslated(field, language) for field in fields)
        ]


@dataclass(frozen=True)
class LocalizedText(Bilingual):
    """A text in English and Ukrainian that reads in the reader's language wherever it is
    formatted: for a message made before its reader is known, such as a programme
    conflict (`_l("“%(title)s” ...", title=LocalizedText.of(session, "title"))`)."""

    text: str
    text_uk: str = ""

    @classmethod
    def of(cls, obj: Bilingual | None, field: str) -> "LocalizedText":
        """`obj`'s `field` in both languages (empty for no object)."""
        if obj is None:
            return cls("")
        return cls(getattr(obj, field) or "", getattr(obj, column_for(field, "uk")) or "")

    def __str__(self) -> str:
        return self.localized("text", reader_language())

    def __bool__(self) -> bool:
        return bool(self.text or self.text_uk)


def reader_language() -> str:
    """'en' or 'uk': the language of the page or mail being rendered (the one place that
    says so; forum.i18n chooses it, and cannot be imported here: it needs the events)."""
    locale = get_locale()
    return locale.language if locale and locale.language in LANGUAGES else LANGUAGES[0]


def init_app(app: Flask) -> None:
    """`{{ session|localized("title") }}`: a text in the reader's language, with fallback."""
    app.add_template_filter(
        lambda obj, field: obj.localized(field, reader_language()) if obj else "", "localized"
    )
