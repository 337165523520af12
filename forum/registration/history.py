"""Plain-language lines for a registration's history (from the audit log)."""

from dataclasses import dataclass

from forum.audit import people, wording
from forum.audit.models import AuditEntry


@dataclass(frozen=True)
class HistoryLine:
    when: object  # the entry's aware datetime
    text: str  # "Approved by Ilse Virtanen"
    notes: list[tuple[str, str]]  # ("Reason", "…"), ("Changed", "Job title, Mobile phone")


def describe(entry: AuditEntry) -> str:
    """What happened, in words an officer reads at a glance."""
    return wording.describe(entry)


def history_lines(entries: list[AuditEntry]) -> list[HistoryLine]:
    """The registration's history as an officer reads it, newest first as given."""
    return [
        HistoryLine(
            when=entry.created_at,
            text=wording.describe_with_actor(
                entry, people.actor_name(entry.actor) if entry.actor else None
            ),
            notes=wording.notes(entry),
        )
        for entry in entries
    ]
