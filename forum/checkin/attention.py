"""Attention notes: what the door must know about a person ("VIP: call protocol",
"check ID"), set by the officers on the registration.

A short free note and a few fixed tags (whose words the door sees in its own
language). The scanner shows them on the answer screen, the scan API and the
door's offline list carry them, and every change is in the audit log.
"""

from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.checkin.reads import Holder
from forum.checkin.tags import KNOWN_TAGS, AttentionTag
from forum.errors import ForumError
from forum.extensions import db
from forum.registration.models import Registration

NOTE_MAX = 140


class AttentionError(ForumError):
    """The note or tags cannot be saved as given."""


def set_attention(registration: Registration, note: str, tags: list[str], actor) -> bool:
    """Set the door's note and tags of a registration; False when nothing changed.

    The note is one line of at most NOTE_MAX characters; tags are AttentionTag values.
    """
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise AttentionError(
            _l("The note for the door is too long (%(num)s characters at most).", num=NOTE_MAX)
        )
    if not set(tags) <= KNOWN_TAGS:
        raise AttentionError(_l("Unknown tag for the door."))
    tags = [tag.value for tag in AttentionTag if tag.value in set(tags)]
    before = (registration.attention_note or "", list(registration.attention_tags or []))
    if before == (note, tags):
        return False
    registration.attention_note = note
    registration.attention_tags = tags
    record(
        "registration.attention",
        registration,
        actor=actor,
        before={"note": before[0], "tags": before[1]},
        after={"note": note, "tags": tags},
    )
    db.session.flush()
    return True


def attention_json(registration: Registration | Holder) -> dict | None:
    """{"note", "tags", "labels"} for the door, or None when there is nothing to say."""
    note = registration.attention_note or ""
    tags = [tag for tag in registration.attention_tags or [] if tag in KNOWN_TAGS]
    if not note and not tags:
        return None
    return {
        "note": note,
        "tags": tags,
        "labels": [AttentionTag(tag).label for tag in tags],
    }
