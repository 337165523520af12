"""What the officers' list says about a bulk action before it is done, for accreditation.js.

The page's script counts the selected rows and asks for confirmation with that
count and with what each delegate will receive by e-mail. The count is only
known in the browser, so each question goes there once per plural category of
the reader's language (CLDR's, as `Intl.PluralRules` names them), with
`{count}` where the number goes.
"""

from collections.abc import Callable

from flask_babel import get_locale, gettext, ngettext

COUNT = "{count}"  # replaced by the number in the browser


def plural_forms(text_for: Callable[[int], str]) -> dict[str, str]:
    """{CLDR plural category: text} for the current language; `text_for(n)` picks the form."""
    locale = get_locale()
    forms: dict[str, str] = {}
    for n in range(0, 200):  # reaches every category English and Ukrainian have
        forms.setdefault(locale.plural_form(n), text_for(n))
    return forms


def bulk_texts() -> dict:
    """The texts of the selection counter and the confirmation dialog, for JSON."""
    return {
        "selected": gettext("%(count)s selected", count=COUNT),
        "nothing": gettext("Select at least one registration first."),
        "back": gettext("Go back"),
        "reasonMissing": gettext(
            "Write the reason for the rejection first: each delegate receives it by e-mail."
        ),
        "actions": {
            "approve": {
                "question": plural_forms(
                    lambda n: ngettext(
                        "Approve %(count)s registration?",
                        "Approve %(count)s registrations?",
                        n,
                        count=COUNT,
                    )
                ),
                "mail": gettext(
                    "Each delegate receives an e-mail in their language that they are "
                    "accredited, with a link to their badge. Those the forum has no place "
                    "for stay as they are."
                ),
                "button": gettext("Approve"),
            },
            "waitlist": {
                "question": plural_forms(
                    lambda n: ngettext(
                        "Put %(count)s registration on the waiting list?",
                        "Put %(count)s registrations on the waiting list?",
                        n,
                        count=COUNT,
                    )
                ),
                "mail": gettext(
                    "Each delegate receives an e-mail in their language that they are on the "
                    "waiting list."
                ),
                "button": gettext("Put on waiting list"),
            },
            "reject": {
                "question": plural_forms(
                    lambda n: ngettext(
                        "Reject %(count)s registration?",
                        "Reject %(count)s registrations?",
                        n,
                        count=COUNT,
                    )
                ),
                "mail": gettext(
                    "Each delegate receives an e-mail in their language that their "
                    "registration is rejected, with this reason:"
                ),
                "button": gettext("Reject"),
            },
        },
    }
