"""The organisers' set-up: rules and limits, meeting blocks cut into slots, tables, tags.

Slots are rows (not computed on the fly) because the database's no-double-booking
constraints name them. Changing a block or the slot length makes the slots again;
slots that stay the same keep their meetings, and a change that would drop a slot
holding a meeting is refused until that meeting is moved or cancelled.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import (
    MatchmakingSettings,
    Meeting,
    MeetingBlock,
    MeetingSlot,
    MeetingTable,
)
from forum.matchmaking.models import CapabilityTag
from forum.programme.models import Room
from forum.text import name_key

# The forum's usual capability list (English, Ukrainian), offered to organisers to start from.
USUAL_TAGS = [
    ("Air defence", "Протиповітряна оборона"),
    ("Missiles and drone munitions", "Ракети та дронові боєприпаси"),
    ("Electronic warfare", "Радіоелектронна боротьба"),
    ("Armoured vehicles", "Броньована техніка"),
    ("Ammunition", "Боєприпаси"),
    ("Demining", "Розмінування"),
    ("Cyber", "Кібербезпека"),
    ("Space", "Космос"),
    ("Financing and investment", "Фінансування та інвестиції"),
    ("Joint ventures", "Спільні підприємства"),
    ("Repair and maintenance", "Ремонт і обслуговування"),
]
MAX_TABLES = 500


def settings_of(event: Event) -> MatchmakingSettings:
    """The event's matchmaking rules, made with the defaults the first time they are asked for."""
    settings = db.session.scalar(
        sa.select(MatchmakingSettings).where(MatchmakingSettings.event_id == event.id)
    )
    if settings is None:
        settings = MatchmakingSettings(event_id=event.id)
        db.session.add(settings)
        db.session.flush()
    return settings


def is_open(event: Event) -> bool:
    """Whether delegates can opt in now (read only: no settings are made for asking)."""
    return bool(
        db.session.scalar(
            sa.select(MatchmakingSettings.open).where(MatchmakingSettings.event_id == event.id)
        )
    )


@dataclass
class SettingsData:
    open: bool
    slot_minutes: int
    max_meetings: int
    max_pending: int
    answer_hours: int
    room_id: int | None
    table_count: int
    not_arrived_minutes: int = 15


def save_settings(event: Event, data: SettingsData) -> MatchmakingSettings:
    """Change the rules; a new slot length makes the slots again, a new table count the tables."""
    settings = settings_of(event)
    if data.room_id is not None:
        room = db.session.get(Room, data.room_id)
        if room is None or room.event_id != event.id:
            raise MatchmakingError(_l("That room does not exist."))
    if not 1 <= data.table_count <= MAX_TABLES:
        raise MatchmakingError(_l("Give between 1 and %(max)s tables.", max=MAX_TABLES))
    slot_changed = settings.slot_minutes != data.slot_minutes
    settings.open = data.open
    settings.slot_minutes = data.slot_minutes
    settings.max_meetings = data.max_meetings
    settings.max_pending = data.max_pending
    settings.answer_hours = data.answer_hours
    settings.room_id = data.room_id
    settings.not_arrived_minutes = data.not_arrived_minutes
    db.session.flush()
    set_table_count(event, data.table_count)
    if slot_changed:
        make_slots(event)
    record("matchmaking.settings", event, open=data.open, slot_minutes=data.slot_minutes)
    return settings


def tables_of(event: Event) -> list[MeetingTable]:
    return list(
        db.session.scalars(
            sa.select(MeetingTable)
            .where(MeetingTable.event_id == event.id)
            .order_by(MeetingTable.number)
        )
    )


def set_table_count(event: Event, count: int) -> None:
    """Tables numbered 1 to `count`; tables above it go unless they hold a meeting."""
    tables = tables_of(event)
    numbers = {t.number for t in tables}
    extra = [t for t in tables if t.number > count]
    if extra:
        busy = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Meeting)
            .where(Meeting.table_id.in_([t.id for t in extra]))
        )
        if busy:
            raise MatchmakingError(
                _l(
                    "Meetings are set at tables above number %(count)s (%(busy)s): "
                    "move them first.",
                    count=count,
                    busy=busy,
                )
            )
        for table in extra:
            db.session.delete(table)
    for number in range(1, count + 1):
        if number not in numbers:
            db.session.add(MeetingTable(event_id=event.id, number=number))
    db.session.flush()


def blocks_of(event: Event) -> list[MeetingBlock]:
    return list(
        db.session.scalars(
            sa.select(MeetingBlock)
            .where(MeetingBlock.event_id == event.id)
            .order_by(MeetingBlock.starts_at)
        )
    )


def slots_of(event: Event) -> list[MeetingSlot]:
    return list(
        db.session.scalars(
            sa.select(MeetingSlot)
            .where(MeetingSlot.event_id == event.id)
            .order_by(MeetingSlot.starts_at)
        )
    )


def add_block(event: Event, starts_at: datetime, ends_at: datetime) -> MeetingBlock:
    """A new block on one of the forum's days, overlapping no other block."""
    if ends_at <= starts_at:
        raise MatchmakingError(_l("A block must end after it starts."))
    days = {
        event.starts_on + timedelta(days=n)
        for n in range((event.ends_on - event.starts_on).days + 1)
    }
    if starts_at.astimezone(event.tz).date() not in days:
        raise MatchmakingError(_l("A block must be on one of the forum's days."))
    if starts_at.astimezone(event.tz).date() != ends_at.astimezone(event.tz).date():
        raise MatchmakingError(_l("A block must start and end on the same day."))
    minutes = settings_of(event).slot_minutes
    if ends_at - starts_at < timedelta(minutes=minutes):
        raise MatchmakingError(
            _l("A block must hold at least one slot of %(minutes)s minutes.", minutes=minutes)
        )
    for block in blocks_of(event):
        if block.starts_at < ends_at and starts_at < block.ends_at:
            raise MatchmakingError(_l("This block overlaps another block."))
    block = MeetingBlock(event_id=event.id, starts_at=starts_at, ends_at=ends_at)
    db.session.add(block)
    db.session.flush()
    make_slots(event)
    record("matchmaking.block_added", event, starts_at=starts_at.isoformat())
    return block


def remove_block(event: Event, block_id: int) -> None:
    """Remove a block and its slots, unless a meeting is set in one of them."""
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.event_id != event.id:
        raise MatchmakingError(_l("That block does not exist."))
    busy = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Meeting)
        .join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
        .where(MeetingSlot.block_id == block.id)
    )
    if busy:
        raise MatchmakingError(
            _l("Meetings are set in this block (%(busy)s): move or cancel them first.", busy=busy)
        )
    db.session.delete(block)
    db.session.flush()
    record("matchmaking.block_removed", event, starts_at=block.starts_at.isoformat())


def make_slots(event: Event) -> list[MeetingSlot]:
    """Cut every block into slots of the set length; keep the slots that stay the same."""
    minutes = timedelta(minutes=settings_of(event).slot_minutes)
    wanted: dict[tuple[int, datetime, datetime], None] = {}
    for block in blocks_of(event):
        start = block.starts_at
        while start + minutes <= block.ends_at:
            wanted[(block.id, start, start + minutes)] = None
            start += minutes
    existing = slots_of(event)
    dropped = [s for s in existing if (s.block_id, s.starts_at, s.ends_at) not in wanted]
    if dropped:
        busy = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Meeting)
            .where(Meeting.slot_id.in_([s.id for s in dropped]))
        )
        if busy:
            raise MatchmakingError(
                _l(
                    "This change would remove slots where meetings are set (%(busy)s): "
                    "move or cancel them first.",
                    busy=busy,
                )
            )
        for slot in dropped:
            db.session.delete(slot)
        db.session.flush()
    kept = {(s.block_id, s.starts_at, s.ends_at) for s in existing if s not in dropped}
    for block_id, start, end in wanted:
        if (block_id, start, end) not in kept:
            db.session.add(
                MeetingSlot(event_id=event.id, block_id=block_id, starts_at=start, ends_at=end)
            )
    db.session.flush()
    return slots_of(event)


# ---- Capability tags -----------------------------------------------------------------------


def tags_of(event: Event) -> list[CapabilityTag]:
    return list(
        db.session.scalars(sa.select(CapabilityTag).where(CapabilityTag.event_id == event.id))
    )


def tag_label_taken(
    event: Event, label: str, tag: CapabilityTag | None = None, language: str = "en"
) -> bool:
    """Is another tag of the event named `label` in `language`, whatever the case? (Compared
    here, not in SQL: SQLite's lower() leaves Cyrillic letters as they are.)"""
    wanted = name_key(label)
    return any(
        name_key(other.in_language("label", language)) == wanted
        for other in tags_of(event)
        if other is not tag
    )


def save_tag(event: Event, tag: CapabilityTag | None, label: str, label_uk: str) -> CapabilityTag:
    """Add a tag, or rename one (profiles keep it)."""
    label, label_uk = label.strip(), label_uk.strip()
    if not label:
        raise MatchmakingError(_l("Give the tag's name in English."))
    if tag_label_taken(event, label, tag) or (
        label_uk and tag_label_taken(event, label_uk, tag, "uk")
    ):
        raise MatchmakingError(_l("There is already a tag with this name."))
    if tag is None:
        tag = CapabilityTag(event_id=event.id)
        db.session.add(tag)
    tag.label, tag.label_uk = label, label_uk
    db.session.flush()
    record("matchmaking.tag_saved", tag, label=label, label_uk=label_uk)
    return tag


def get_tag(event: Event, tag_id: int) -> CapabilityTag:
    tag = db.session.get(CapabilityTag, tag_id)
    if tag is None or tag.event_id != event.id:
        raise MatchmakingError(_l("That tag does not exist."))
    return tag


def delete_tag(event: Event, tag_id: int) -> None:
    """Remove a tag from the list and from every profile that carried it."""
    tag = get_tag(event, tag_id)
    record("matchmaking.tag_deleted", tag, label=tag.label)
    db.session.delete(tag)
    db.session.flush()


def add_usual_tags(event: Event) -> int:
    """Add the forum's usual tags that the list does not have yet; returns how many."""
    added = 0
    for label, label_uk in USUAL_TAGS:
        if not tag_label_taken(event, label):
            db.session.add(CapabilityTag(event_id=event.id, label=label, label_uk=label_uk))
            added += 1
    db.session.flush()
    if added:
        record("matchmaking.tags_added", event, count=added)
    return added
