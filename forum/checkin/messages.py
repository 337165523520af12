"""The plain words shown at the door for each answer, in the staff member's language."""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_time as babel_format_time
from flask_babel import format_time, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.badges import tokens
from forum.bilingual import reader_language
from forum.checkin import decide, hours
from forum.checkin.models import Checkpoint
from forum.checkin.reads import Door, Holder
from forum.registration.models import Registration, RegistrationState

REASON_TEXTS = {
    tokens.MALFORMED: _l("Unreadable code: this is not a forum badge."),
    tokens.BAD_SIGNATURE: _l("Forged or damaged code: the signature does not match."),
    tokens.REISSUED: _l("Old badge: it was replaced by a newer one. Ask for the new badge."),
    tokens.UNKNOWN: _l("Unknown badge: there is no such registration."),
    tokens.FOREIGN_EVENT: _l("This badge is for another event."),
    decide.NOT_SIGNED_UP: _l("Not signed up for this session."),
    decide.AWAITING_NEW_DECISION: _l(
        "Awaiting a new accreditation decision after a change to the registration: "
        "send to the accreditation desk."
    ),
    decide.NOT_CLEARED: _l(
        "Not cleared by security vetting: no entry. Send to the accreditation desk."
    ),
}

# Short names of the reasons, for the dashboard and the export.
REASON_LABELS = {
    tokens.MALFORMED: _l("Unreadable code"),
    tokens.BAD_SIGNATURE: _l("Forged code"),
    tokens.REISSUED: _l("Reissued badge"),
    tokens.UNKNOWN: _l("Unknown badge"),
    tokens.FOREIGN_EVENT: _l("Another event"),
    decide.NOT_ACCREDITED: _l("Not accredited"),
    decide.AWAITING_NEW_DECISION: _l("Awaiting a new decision"),
    decide.NOT_CLEARED: _l("Not cleared"),
    decide.CATEGORY_NOT_ALLOWED: _l("Category not admitted"),
    decide.NOT_SIGNED_UP: _l("Not signed up"),
    decide.ALREADY_INSIDE: _l("Already inside"),
    decide.OUTSIDE_HOURS: _l("Outside opening hours"),
}

NOT_ACCREDITED_TEXTS = {
    RegistrationState.SUBMITTED: _l("Not accredited: the e-mail address was never confirmed."),
    RegistrationState.PENDING: _l("Not accredited: the registration is still awaiting a decision."),
    RegistrationState.REJECTED: _l("Not accredited: the registration was rejected."),
    RegistrationState.WAITLISTED: _l("Not accredited: the registration is on the waiting list."),
    RegistrationState.WITHDRAWN: _l("Not accredited: the delegate withdrew the registration."),
    RegistrationState.CANCELLED: _l("Not accredited: the registration was cancelled."),
}

# A door search's answer for someone who may not pass there: nothing more is said about them.
NOT_ADMITTED_HERE = _l("Not admitted here: send to the accreditation desk.")
NONCE_TAKEN = _l("This nonce was already used for a different scan: send a new nonce.")
ANNUL_NOT_YOURS = _l("You can only annul your own scans.")
ANNUL_NOT_ACCEPTED = _l("Only an accepted scan can be annulled.")
ANNUL_ALREADY = _l("This scan was already annulled.")
ANNUL_TOO_LATE = _l("Too late: a scan can only be annulled within two minutes.")
ANNUL_NOT_LAST = _l("Only your last accepted scan can be annulled.")


def reason_label(reason: str) -> str:
    return str(REASON_LABELS.get(reason, reason))


def message(
    reason: str,
    direction: str,
    registration: "Registration | Holder | None" = None,
    presence: "decide.Presence | None" = None,
    timezone: str | None = None,
    door: Checkpoint | Door | None = None,
    at: datetime | None = None,
) -> str:
    """One sentence for the answer screen; times in `timezone` (default: the current event's).

    `door` and `at` (the scan's door and time) say when an outside_hours door opens.
    """
    if not reason:
        return _("Exit recorded.") if direction == "out" else _("Entry recorded.")
    if reason == decide.NOT_ACCREDITED and registration is not None:
        return str(NOT_ACCREDITED_TEXTS.get(registration.state, REASON_LABELS[reason]))
    if reason == decide.CATEGORY_NOT_ALLOWED and registration is not None:
        return _(
            "%(category)s badges are not admitted at this door.",
            category=registration.category.label,
        )
    if reason == decide.ALREADY_INSIDE and presence is not None:
        return _(
            "Already inside since %(time)s at %(door)s.",
            time=local_time(presence.since, timezone),
            door=presence.door_in(reader_language()),
        )
    if reason == decide.OUTSIDE_HOURS and door is not None and at is not None and timezone:
        return outside_hours(door, at, timezone)
    return str(REASON_TEXTS.get(reason, REASON_LABELS.get(reason, reason)))


def outside_hours(door: Checkpoint | Door, at: datetime, timezone: str) -> str:
    """Why a door with opening hours refuses an entry at `at`, and when it opens."""
    upcoming = hours.next_opening(door.entry_windows, timezone, at)
    if upcoming is not None:
        opens, day = upcoming.opens.strftime("%H:%M"), hours.day_label(upcoming.day)
        return _(
            "This door is not open for entry now: it opens at %(time)s on %(day)s. "
            "Send them to an open entrance.",
            time=opens,
            day=day,
        )
    last = hours.last_window(door.entry_windows)
    closed, day = last.closes.strftime("%H:%M"), hours.day_label(last.day)
    return _(
        "This door is closed for entry: its last opening ended at %(time)s on %(day)s. "
        "Send them to an open entrance.",
        time=closed,
        day=day,
    )


def local_time(moment: datetime, timezone: str | None = None) -> str:
    """HH:MM in `timezone`, else in Babel's time zone, which is the current event's."""
    if timezone is None:
        return format_time(moment, "HH:mm")
    return babel_format_time(moment, "HH:mm", tzinfo=ZoneInfo(timezone), locale=get_locale())
