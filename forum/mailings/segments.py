"""Who receives a mailing: a segment of the event's registrations.

Each filter narrows the segment and filters combine with AND; inside one filter
(several states, several countries) any value matches. A filter left empty does
not narrow.
"""

from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa

from forum.checkin.models import Direction, Scan, ScanStatus
from forum.programme.models import SignUp, SpeakerAssignment
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)


@dataclass(frozen=True)
class Segment:
    states: tuple[RegistrationState, ...] = ()
    categories: tuple[BadgeCategory, ...] = ()
    organisation_types: tuple[OrganisationType, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    session_ids: tuple[int, ...] = ()  # signed up (or waiting) for any of these sessions
    speakers_only: bool = False  # speaks in at least one session
    not_confirmed: bool = False  # has not confirmed their e-mail address yet
    badge_not_collected: bool = False  # accredited, never let in at a door

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", tuple(c.upper() for c in self.countries))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Segment":
        return cls(
            states=tuple(RegistrationState(s) for s in data.get("states", ())),
            categories=tuple(BadgeCategory(c) for c in data.get("categories", ())),
            organisation_types=tuple(
                OrganisationType(t) for t in data.get("organisation_types", ())
            ),
            countries=tuple(str(c) for c in data.get("countries", ())),
            session_ids=tuple(int(i) for i in data.get("session_ids", ())),
            speakers_only=bool(data.get("speakers_only")),
            not_confirmed=bool(data.get("not_confirmed")),
            badge_not_collected=bool(data.get("badge_not_collected")),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("states", "categories", "organisation_types", "countries", "session_ids"):
            data[key] = [str(v) if not isinstance(v, int) else v for v in data[key]]
        return data

    def conditions(self, event_id: int) -> list[sa.ColumnElement[bool]]:
        """The WHERE conditions of the segment's registrations."""
        r = Registration
        where: list[sa.ColumnElement[bool]] = [r.event_id == event_id, r.email != ""]
        if self.states:
            where.append(r.state.in_(self.states))
        if self.categories:
            where.append(r.category.in_(self.categories))
        if self.organisation_types:
            where.append(r.organisation_type.in_(self.organisation_types))
        if self.countries:
            where.append(r.country.in_(self.countries))
        if self.session_ids:
            where.append(
                sa.exists().where(
                    SignUp.registration_id == r.id, SignUp.session_id.in_(self.session_ids)
                )
            )
        if self.speakers_only:
            where.append(sa.exists().where(SpeakerAssignment.registration_id == r.id))
        if self.not_confirmed:
            where.append(r.confirmed_at.is_(None))
        if self.badge_not_collected:
            where.append(r.state == RegistrationState.APPROVED)
            where.append(
                ~sa.exists().where(
                    Scan.registration_id == r.id,
                    Scan.status == ScanStatus.ACCEPTED,
                    Scan.direction == Direction.IN,
                    Scan.annulled_at.is_(None),
                )
            )
        return where

    @property
    def is_everyone(self) -> bool:
        return self == Segment()


# What a recipient's mail is made from: read as plain rows, thousands at a time.
RECIPIENT_COLUMNS = (
    Registration.id,
    Registration.email,
    Registration.locale,
    Registration.title,
    Registration.given_name,
    Registration.family_name,
    Registration.organisation,
)


def recipients_query(event_id: int, segment: Segment) -> sa.Select:
    return (
        sa.select(*RECIPIENT_COLUMNS)
        .where(*segment.conditions(event_id))
        .order_by(Registration.family_name, Registration.given_name, Registration.id)
    )


def count_query(event_id: int, segment: Segment) -> sa.Select:
    return sa.select(sa.func.count(Registration.id)).where(*segment.conditions(event_id))
