"""The list a scanner keeps for its checkpoint, to answer while the network is down.

It maps the SHA-256 of the current badge code of each person the checkpoint
admits, judged by the same rule as online scans (`decide.admission`), to what
the door shows: name (and its passport Latin form), organisation, category,
the officers' attention note, the organisers' chosen answer ("Interpretation: French",
as on the green screen online), and the registration's public id, with which the
scanner finds people by name offline and records a scan for someone whose
badge is at home. Nobody else is on it: a room
door's list holds the people signed up for its session, its speakers and the
categories that pass every room, not the whole attendee list; a lost phone
gives away no more than its door needed. It holds digests, never the signing
key, so a stolen phone cannot make badges. A badge not on the list (another
room's delegate, a pending registration, an old or forged code) is refused
offline; the upload of the queued scans records why. "Already inside" cannot
be known offline beyond the device's own scans; the server flags such double
entries when the queued scans are uploaded. The door's opening hours come with
the list (as UTC instants), so that an entry outside them is refused offline too.
"""

import sqlalchemy as sa

from forum.badges.tokens import issue_token, token_digest
from forum.bilingual import reader_language
from forum.checkin import decide as rules
from forum.checkin import hours
from forum.checkin.attention import attention_json
from forum.checkin.models import Checkpoint
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.questions.badges import door_answers
from forum.registration.models import Registration


def offline_list(event: Event, checkpoint: Checkpoint) -> dict:
    """{"checkpoint", "generated_at", "hours", "badges": {digest: {registration, name,
    passport_name, organisation, category, attention, answer}}}: the people this checkpoint
    admits (`decide.admission`), with what the door shows (`answer`: the organisers' chosen
    answer, {"label", "text"} in the scanner's language, or None)."""
    registrations = db.session.scalars(
        # Only the accredited can pass (admission's first rule): the rest need not load.
        sa.select(Registration).where(Registration.event_id == event.id, Registration.is_accredited)
    )
    people = (
        rules.session_people(checkpoint.session_id) if checkpoint.session_id is not None else None
    )
    language = reader_language()
    answers = door_answers(event.id, language)
    badges = {
        token_digest(issue_token(registration)): {
            "registration": str(registration.public_id),
            "name": registration.display_name,
            "passport_name": (
                registration.passport_name
                if registration.passport_name != registration.full_name
                else ""
            ),
            "organisation": registration.organisation,
            "category": registration.category.value,
            "attention": attention_json(registration),
            # The organisers' chosen answer ("Interpretation: French"), shown on an entry.
            "answer": answers.get(registration.id),
        }
        for registration in registrations
        if not rules.admission(checkpoint, registration, people)
    }
    return {
        "checkpoint": {
            "id": checkpoint.id,
            "name": checkpoint.localized("name", language),
        },
        "generated_at": utcnow().isoformat(),
        "hours": {
            "windows": hours.as_utc(checkpoint.entry_windows, event.timezone),
            "text": hours.describe(checkpoint.entry_windows),
        },
        "badges": badges,
    }
