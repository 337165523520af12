"""Placeholders in a mailing's subject and body: {name}, {my_registration_link}, ...

Only the names below are filled in; anything else between braces is refused before
a mail is queued, with the names that are known. `{{` and `}}` write a brace.
"""

from string import Formatter

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.errors import ForumError
from forum.i18n import BABEL_LOCALES
from forum.mail import external_url
from forum.registration.models import display_name
from forum.registration.titles import title_label

# Each placeholder and what it stands for (shown beside the form).
PLACEHOLDERS = {
    "name": _l("given and family name: Olena Kovalenko"),
    "title_name": _l("with the title: Dr Olena Kovalenko"),
    "given_name": _l("given name"),
    "family_name": _l("family name"),
    "organisation": _l("organisation"),
    "my_registration_link": _l("link to the delegate's registration page"),
    "agenda_link": _l("link to the delegate's agenda"),
    "badge_link": _l("link to the delegate's badge (PDF)"),
}


class PlaceholderError(ForumError):
    """A text names a placeholder that does not exist, or has a stray brace."""


def check(text: str) -> None:
    """Refuse a text whose placeholders are not all known (PlaceholderError)."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError:
        raise PlaceholderError(
            _("A brace { or } has no partner. Write {{ or }} for a brace itself.")
        ) from None
    unknown = sorted(
        {
            f"{{{field}}}"
            for _literal, field, spec, conversion in parts
            if field is not None and (field not in PLACEHOLDERS or spec or conversion)
        }
    )
    if unknown:
        raise PlaceholderError(
            _(
                "Unknown placeholder: %(unknown)s. Known placeholders: %(known)s.",
                unknown=", ".join(unknown),
                known=", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            )
        )


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced (checked before with check())."""
    out = []
    for literal, field, _spec, _conversion in Formatter().parse(text):
        out.append(literal)
        if field is not None:
            out.append(values[field])
    return "".join(out)


def shared_links() -> dict[str, str]:
    """The links that are the same for every recipient (each opens the reader's own page)."""
    return {
        "my_registration_link": external_url("registration.dashboard"),
        "agenda_link": external_url("programme.my_agenda"),
        "badge_link": external_url("badges.my_badge"),
    }


def values_for(person, links: dict[str, str], language: str) -> dict[str, str]:
    """The placeholders' values for one recipient (a Registration or a row of its columns),
    the title in the mail's `language` ("Dr" is "д-р" in Ukrainian)."""
    with force_locale(BABEL_LOCALES.get(language, language)):
        title = title_label(person.title)
    return {
        "name": f"{person.given_name} {person.family_name}".strip(),
        "title_name": display_name(title, person.given_name, person.family_name),
        "given_name": person.given_name,
        "family_name": person.family_name,
        "organisation": person.organisation,
        **links,
    }
