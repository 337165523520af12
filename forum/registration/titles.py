"""Titles and greetings: how a person is addressed in the reader's language.

A title is stored as its English abbreviation ("Dr", "H.E."), whatever the language
of the form: badges, exports and the door read it that way. Forms, the officers' lists
and the organisers' pages show it in the reader's language (`title_label`,
`titled_name`, the template filter of the same name).

The title is chosen without a gender, so its Ukrainian forms are neutral where the
word has a gender: "пан(і)" for Mx, "Його/Її Високоповажність" for
H.E., "Вельмишановний(-на)" for Hon.; abbreviations as Ukrainian protocol writes
them ("д-р", "проф.", "ген.", "адм.", "полк.").

Mails greet a person by name. English writes "Dear Dr Olena Kovalenko,". Ukrainian
addresses a person in the vocative case ("пані Олено", "пане Олексію"), which cannot
be formed reliably for every name, and "пані" before a name in the nominative reads as
a calque; Ukrainian mails therefore greet without a title, by given and family name as
written: "Доброго дня, Олена Коваленко!".
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.bilingual import reader_language
from forum.registration.models import Registration, display_name

# Stored value -> label in the reader's language; "" is no title.
TITLES = {
    "": "—",
    "Mr": _l("Mr"),
    "Ms": _l("Ms"),
    "Mx": _l("Mx"),
    "Dr": _l("Dr"),
    "Prof.": _l("Prof."),
    "H.E.": _l("H.E."),
    "Gen.": _l("Gen."),
    "Adm.": _l("Adm."),
    "Col.": _l("Col."),
    "Hon.": _l("Hon."),
}
# Languages whose greeting names a person without a title (see the module docstring).
GREETED_WITHOUT_TITLE = {"uk"}


def title_choices() -> list[tuple[str, str]]:
    """(stored value, label) of every title, for a select field."""
    return list(TITLES.items())


def title_label(title: str) -> str:
    """A stored title in the reader's language ("Gen." -> "ген."); a title that is not
    one of TITLES (a guest speaker's free text) as written."""
    return str(TITLES[title]) if title and title in TITLES else title


def titled_name(person) -> str:
    """A person as the officers' and organisers' lists name them, the title in the
    reader's language: "ген. Олена Коваленко" (badges and the door keep display_name).

    `person` is a registration (or an Addressee), or a guest speaker's profile (a title
    and a full name).
    """
    if hasattr(person, "given_name"):
        return display_name(title_label(person.title), person.given_name, person.family_name)
    return f"{title_label(person.title)} {person.full_name}".strip()


@dataclass(frozen=True)
class Addressee:
    """The name parts a greeting needs, for mails queued before their commit."""

    title: str
    given_name: str
    family_name: str

    @classmethod
    def of(cls, registration: Registration) -> "Addressee":
        return cls(registration.title, registration.given_name, registration.family_name)


def salutation(person: Registration | Addressee) -> str:
    """The first line of a mail to `person`, in the language of the mail."""
    title = "" if reader_language() in GREETED_WITHOUT_TITLE else person.title
    return _("Dear %(name)s,", name=display_name(title, person.given_name, person.family_name))
