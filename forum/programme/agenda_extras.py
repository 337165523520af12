"""Entries of a delegate's agenda that are not programme sessions (B2B meetings, ...).

The programme does not know the features built on it: it asks through the
`agenda_entries` signal, and each feature answers with entries of its own, shown
on My agenda (each with its own template) and written into the calendar feed.
"""

from dataclasses import dataclass
from datetime import datetime

from forum.events.models import Event
from forum.registration.models import Registration
from forum.signals import agenda_entries


@dataclass(frozen=True)
class AgendaEntry:
    """One entry, its texts in the language it was asked for."""

    uid: str  # stable while the entry lives (a calendar updates it instead of duplicating)
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str
    description: str
    url: str | None
    partial: str  # the template that shows it on My agenda


def extra_entries(event: Event, registration: Registration, language: str) -> list[AgendaEntry]:
    """Every feature's entries for this delegate, in time order."""
    entries = [
        entry
        for _receiver, found in agenda_entries.send(registration, event=event, language=language)
        for entry in found or []
    ]
    return sorted(entries, key=lambda e: (e.starts_at, e.uid))
