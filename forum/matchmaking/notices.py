"""Telling the other side: a line on their meetings page and, if they want it, a mail.

A notice stores what happened and the names and times its sentence needs; the
sentence is made when it is shown or mailed, in the reader's language. Mail goes
through forum.mail's send_mail, in the recipient's language.
"""

from datetime import datetime
from functools import partial

import sqlalchemy as sa
from flask_babel import format_datetime
from flask_babel import gettext as _

from forum.db import utcnow
from forum.extensions import db
from forum.mail import external_url, send_mail
from forum.matchmaking.meeting_models import Notice
from forum.matchmaking.models import Participant
from forum.registration.titles import Addressee

SUBJECTS = {
    "request": lambda d: _("Meeting request from %(name)s", name=d["name"]),
    "accepted": lambda d: _("Meeting confirmed with %(name)s", name=d["name"]),
    "declined": lambda d: _("%(name)s declined your meeting request", name=d["name"]),
    "withdrawn": lambda d: _("%(name)s withdrew a meeting request", name=d["name"]),
    "cancelled": lambda d: _("Meeting cancelled: %(name)s", name=d["name"]),
    "moved": lambda d: _("Meeting moved: %(name)s", name=d["name"]),
    "placed": lambda d: _("New meeting with %(name)s", name=d["name"]),
    "left": lambda d: _("%(name)s left matchmaking", name=d["name"]),
    "added": lambda d: _("You were added to %(organisation)s's matchmaking profile", **d),
    "arrived": lambda d: _("%(name)s has arrived", name=d["name"]),
    "not_arrived": lambda d: _("%(name)s has not arrived yet", name=d["name"]),
    "released": lambda d: _("Meeting table released: %(name)s", name=d["name"]),
}
# What the door tells (forum.matchmaking.door): mailed only to those who asked for it.
DOOR_KINDS = frozenset({"arrived", "not_arrived"})


def when(details: dict) -> str:
    """The meeting's time in the event's time zone and the reader's language."""
    starts = details.get("starts_at")
    return format_datetime(datetime.fromisoformat(starts), "EEE d MMM, HH:mm") if starts else ""


def clock(details: dict, key: str) -> str:
    """A time of the day in the event's time zone (HH:mm)."""
    value = details.get(key)
    return format_datetime(datetime.fromisoformat(value), "HH:mm") if value else ""


def text(kind: str, details: dict) -> str:
    """What happened, as one sentence in the current language."""
    name = details.get("name", "")
    organisation = details.get("organisation", "")
    table = details.get("table", "")
    if kind == "request":
        return _(
            "%(name)s (%(organisation)s) asks you for a meeting.",
            name=name,
            organisation=organisation,
        )
    if kind == "accepted":
        return _(
            "%(name)s accepted your request: %(when)s, table %(table)s.",
            name=name,
            when=when(details),
            table=table,
        )
    if kind == "declined":
        return _("%(name)s declined your meeting request.", name=name)
    if kind == "withdrawn":
        return _("%(name)s withdrew their meeting request.", name=name)
    if kind == "cancelled":
        if details.get("by_organisers"):
            return _(
                "The organisers cancelled your meeting with %(name)s (%(when)s).",
                name=name,
                when=when(details),
            )
        return _("%(name)s cancelled your meeting (%(when)s).", name=name, when=when(details))
    if kind == "moved":
        return _(
            "Your meeting with %(name)s is now at %(when)s, table %(table)s.",
            name=name,
            when=when(details),
            table=table,
        )
    if kind == "placed":
        return _(
            "The organisers set a meeting for you with %(name)s: %(when)s, table %(table)s.",
            name=name,
            when=when(details),
            table=table,
        )
    if kind == "left":
        return _(
            "%(name)s no longer takes part in matchmaking: your request or meeting with them is "
            "closed.",
            name=name,
        )
    if kind == "arrived":
        return _(
            "%(name)s has arrived: entered the venue at %(time)s. Your meeting: %(when)s, "
            "table %(table)s.",
            name=name,
            time=clock(details, "entered_at"),
            when=when(details),
            table=table,
        )
    if kind == "not_arrived":
        return _(
            "%(name)s has not entered the venue yet. Your meeting: %(when)s, table %(table)s.",
            name=name,
            when=when(details),
            table=table,
        )
    if kind == "released":
        return released_text(details)
    if kind == "added":
        return _(
            "%(by)s added you to the matchmaking profile of %(organisation)s: opt in to take part.",
            by=details.get("by", ""),
            organisation=organisation,
        )
    return ""


def released_text(details: dict) -> str:
    """The organisers freed the table of a meeting where someone had not arrived."""
    values = {"name": details.get("name", ""), "when": when(details), "table": details["table"]}
    if details.get("you_absent") and details.get("other_absent"):
        return _(
            "The organisers released table %(table)s of your meeting with %(name)s "
            "(%(when)s): neither of you had entered the venue.",
            **values,
        )
    if details.get("you_absent"):
        return _(
            "The organisers released table %(table)s of your meeting with %(name)s "
            "(%(when)s): you had not entered the venue.",
            **values,
        )
    return _(
        "The organisers released table %(table)s of your meeting with %(name)s (%(when)s): "
        "%(name)s had not entered the venue.",
        **values,
    )


def wants_mail(participant: Participant, kind: str) -> bool:
    """Door notices by mail only when asked for; the rest unless refused."""
    return participant.mail_door_notices if kind in DOOR_KINDS else participant.mail_notices


def tell(participant: Participant, kind: str, **details) -> Notice:
    """Put a notice on the participant's page, and mail it if they want mail."""
    details = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in details.items()}
    notice = Notice(participant_id=participant.id, kind=kind, details=details)
    db.session.add(notice)
    if wants_mail(participant, kind):
        person = participant.registration
        send_mail(
            person.email,
            "matchmaking_notice",
            person.locale,
            addressee=Addressee.of(person),
            # Called by the templates, inside the recipient's language.
            subject=partial(SUBJECTS[kind], details),
            sentence=partial(text, kind, details),
            reason=details.get("reason", ""),
            event=person.event,
            url=external_url("matchmaking.home"),
        )
    return notice


def recent(participant: Participant, limit: int = 12) -> list[Notice]:
    return list(
        db.session.scalars(
            sa.select(Notice)
            .where(Notice.participant_id == participant.id)
            .order_by(Notice.id.desc())
            .limit(limit)
        )
    )


def mark_read(participant: Participant) -> None:
    db.session.execute(
        sa.update(Notice)
        .where(Notice.participant_id == participant.id, Notice.read_at.is_(None))
        .values(read_at=utcnow())
    )
