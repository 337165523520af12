"""A door's opening hours: the days and times it admits entries (a side door open only
on day 2 from 13:00).

Stored on the checkpoint as `entry_windows`, a list of {"day": "2024-05-07",
"from": "13:00", "to": "18:00"} in the event's time zone, as organisers think
of them. An empty list means the door admits entries whenever it is open. Exits
are never refused for the time of day (nobody is kept in).
"""

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from forum.errors import ForumError

MAX_WINDOWS = 12


class HoursError(ForumError):
    """Opening hours that cannot be saved; the message says why."""


@dataclass(frozen=True, order=True)
class Window:
    """One opening: `day` from `opens` to `closes`, local time of the event."""

    day: date
    opens: time
    closes: time

    def to_json(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "from": self.opens.strftime("%H:%M"),
            "to": self.closes.strftime("%H:%M"),
        }

    def start(self, tz: ZoneInfo) -> datetime:
        return datetime.combine(self.day, self.opens, tzinfo=tz)

    def end(self, tz: ZoneInfo) -> datetime:
        return datetime.combine(self.day, self.closes, tzinfo=tz)


def parse(stored: list[dict] | None) -> list[Window]:
    """The windows of a checkpoint's `entry_windows`, in order."""
    return list(_parse(tuple((w["day"], w["from"], w["to"]) for w in stored or ())))


@functools.lru_cache(maxsize=256)  # every entry at a door with hours parses the same list
def _parse(stored: tuple[tuple[str, str, str], ...]) -> tuple[Window, ...]:
    return tuple(
        sorted(
            Window(date.fromisoformat(day), time.fromisoformat(opens), time.fromisoformat(closes))
            for day, opens, closes in stored
        )
    )


def checked(windows: list[Window], first_day: date, last_day: date) -> list[dict]:
    """`windows` as stored, after checking them against the event's days (HoursError)."""
    if len(windows) > MAX_WINDOWS:
        raise HoursError(_l("At most %(num)s opening times per door.", num=MAX_WINDOWS))
    for window in windows:
        if not first_day <= window.day <= last_day:
            raise HoursError(_l("Opening times must fall on the days of the event."))
        if window.closes <= window.opens:
            raise HoursError(_l("Each opening time must end after it starts."))
    ordered = sorted(set(windows))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.day == after.day and after.opens < before.closes:
            raise HoursError(_l("Opening times of one day must not overlap."))
    return [w.to_json() for w in ordered]


def admits_at(stored: list[dict] | None, timezone: str, at: datetime) -> bool:
    """Does a door with these hours admit an entry at `at`?"""
    if not stored:
        return True
    tz = ZoneInfo(timezone)
    return any(w.start(tz) <= at < w.end(tz) for w in parse(stored))


def next_opening(stored: list[dict] | None, timezone: str, at: datetime) -> Window | None:
    """The first window that starts after `at`, if any."""
    tz = ZoneInfo(timezone)
    return next((w for w in parse(stored) if w.start(tz) > at), None)


def last_window(stored: list[dict] | None) -> Window | None:
    windows = parse(stored)
    return windows[-1] if windows else None


def as_utc(stored: list[dict] | None, timezone: str) -> list[dict]:
    """The windows as UTC instants, for a scanner that judges offline."""
    tz = ZoneInfo(timezone)
    return [
        {
            "start": w.start(tz).astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "end": w.end(tz).astimezone(UTC).isoformat().replace("+00:00", "Z"),
        }
        for w in parse(stored)
    ]


def day_label(day: date) -> str:
    """ "Tuesday 7 May" in the reader's language."""
    return format_date(day, "EEEE d MMMM")


def describe(stored: list[dict] | None) -> str:
    """The hours in words: "Tuesday 7 May 13:00–18:00; …" ("" for none)."""
    return "; ".join(f"{day_label(w.day)} {w.opens:%H:%M}–{w.closes:%H:%M}" for w in parse(stored))
