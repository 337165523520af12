"""The directory: the profiles a participant may see, searched across scripts and filtered.

A query's words are search keys (forum.search.keys), so 'дрон' finds 'drone' and
'Kamyshyn' finds 'Камишин'. Each word must start a word of the profile's name or
texts (in either language, kept in `search_keys`), of one of its capability tags, or
of the name of one of its people (the forum's search terms, forum.search.queries).
The list is in alphabetical order of the organisations (forum.collation), read a page at
a time from the database in the order of the profiles' stored sort keys.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.collation import collation_bytes
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.access import active_people, people_of, visible_profiles
from forum.matchmaking.models import (
    CapabilityTag,
    MatchProfile,
    Participant,
    Side,
    TagUse,
    profile_tags,
)
from forum.matchmaking.setup import tags_of
from forum.registration.models import OrganisationType, Registration
from forum.search.keys import query_words, words_of
from forum.search.models import TermField
from forum.search.queries import matching

PER_PAGE = 20


@lru_cache(maxsize=16384)
def sort_key(name: str) -> bytes:
    """The alphabetical sort key of a name (computed once per name), as profiles store it."""
    return collation_bytes(name)


@dataclass
class DirectoryFilter:
    q: str = ""
    tag_id: int | None = None
    country: str = ""
    organisation_type: str = ""
    side: str = ""
    page: int = 1

    def args(self, **changes) -> dict:
        """The query arguments of this filter (with `changes`), for links."""
        values = {
            "q": self.q,
            "tag": self.tag_id,
            "country": self.country,
            "type": self.organisation_type,
            "side": self.side,
            "page": self.page,
        }
        values.update({("tag" if k == "tag_id" else k): v for k, v in changes.items()})
        return {k: v for k, v in values.items() if v not in ("", None, 1)}

    @property
    def active(self) -> bool:
        return bool(self.q or self.tag_id or self.country or self.organisation_type or self.side)


@dataclass
class ProfileCard:
    """A profile as the directory shows it: its tags and the people one can ask."""

    profile: MatchProfile
    offers: list[CapabilityTag] = field(default_factory=list)
    seeks: list[CapabilityTag] = field(default_factory=list)
    people: list[Participant] = field(default_factory=list)


@dataclass
class DirectoryPage:
    cards: list[ProfileCard]
    total: int
    page: int
    pages: int


@lru_cache(maxsize=1024)
def _label_words(label: str, label_uk: str) -> tuple[str, ...]:
    """A tag's search keys in both languages (transliterating is slow: once per label)."""
    return tuple(words_of(label, label_uk))


def _tags_matching(tags: list[CapabilityTag], word: str) -> list[int]:
    return [
        tag.id
        for tag in tags
        if any(key.startswith(word) for key in _label_words(tag.label, tag.label_uk))
    ]


def _word_condition(event: Event, word: str, tags: list[CapabilityTag]) -> sa.ColumnElement[bool]:
    named = (
        sa.select(Participant.profile_id)
        .join(Registration, Registration.id == Participant.registration_id)
        .where(
            active_people(),
            matching(Registration.id, word, event_id=event.id, fields=(TermField.NAME,)),
        )
    )
    conditions = [MatchProfile.search_keys.like(f"% {word}%"), MatchProfile.id.in_(named)]
    tag_ids = _tags_matching(tags, word)
    if tag_ids:
        tagged = sa.select(profile_tags.c.profile_id).where(profile_tags.c.tag_id.in_(tag_ids))
        conditions.append(MatchProfile.id.in_(tagged))
    return sa.or_(*conditions)


def _conditions(
    event: Event, viewer: Participant, flt: DirectoryFilter, tags: list[CapabilityTag]
) -> list:
    conditions = [visible_profiles(viewer)]
    for word in query_words(flt.q):
        conditions.append(_word_condition(event, word, tags))
    if flt.tag_id:
        conditions.append(
            MatchProfile.id.in_(
                sa.select(profile_tags.c.profile_id).where(profile_tags.c.tag_id == flt.tag_id)
            )
        )
    if flt.country:
        conditions.append(MatchProfile.country == flt.country)
    if flt.organisation_type in {t.value for t in OrganisationType}:
        conditions.append(MatchProfile.organisation_type == OrganisationType(flt.organisation_type))
    if flt.side in {s.value for s in Side}:
        conditions.append(MatchProfile.side == Side(flt.side))
    return conditions


def _page(conditions: list, page: int) -> list[int]:
    """The ids on `page`, read in the order of the stored sort keys (an index)."""
    return list(
        db.session.scalars(
            sa.select(MatchProfile.id)
            .where(*conditions)
            .order_by(MatchProfile.sort_key, MatchProfile.id)
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
        )
    )


def search(
    event: Event,
    viewer: Participant,
    flt: DirectoryFilter,
    language: str = "en",
    tags: list[CapabilityTag] | None = None,
    visible: int | None = None,
) -> DirectoryPage:
    """One page of the profiles `viewer` may see that match `flt`, alphabetically.

    `visible`: how many profiles the viewer may see, when known (FilterChoices.visible),
    the total of a list without a filter.
    """
    tags = tags if tags is not None else tags_of(event)
    conditions = _conditions(event, viewer, flt, tags)
    if query_words(flt.q):
        # Words are the costly conditions: matched once, the few rows sorted here.
        rows = db.session.execute(
            sa.select(MatchProfile.id, MatchProfile.sort_key).where(*conditions)
        ).all()
        rows.sort(key=lambda row: (row.sort_key, row.id))
        total = len(rows)
        pages = max(1, -(-total // PER_PAGE))
        page = min(max(1, flt.page), pages)
        chosen = [row.id for row in rows[(page - 1) * PER_PAGE : page * PER_PAGE]]
    else:
        if visible is None or flt.active:
            visible = db.session.scalar(
                sa.select(sa.func.count()).select_from(MatchProfile).where(*conditions)
            )
        total = visible or 0
        pages = max(1, -(-total // PER_PAGE))
        page = min(max(1, flt.page), pages)
        chosen = _page(conditions, page)
    return DirectoryPage(cards_for(event, chosen, language, tags), total, page, pages)


def cards_for(
    event: Event,
    profile_ids: list[int],
    language: str = "en",
    tags: list[CapabilityTag] | None = None,
) -> list[ProfileCard]:
    """Cards of these profiles, in the order given, with their tags (alphabetically in
    `language`) and people."""
    if not profile_ids:
        return []
    profiles = {
        p.id: p
        for p in db.session.scalars(
            sa.select(MatchProfile)
            .where(MatchProfile.id.in_(profile_ids))
            .options(
                so.selectinload(MatchProfile.participants).joinedload(Participant.registration)
            )
        )
    }
    by_label = sorted(
        tags if tags is not None else tags_of(event),
        key=lambda t: sort_key(t.localized("label", language)),
    )
    tags = {t.id: t for t in by_label}
    order = {tag_id: n for n, tag_id in enumerate(tags)}
    cards = {pid: ProfileCard(profiles[pid], people=people_of(profiles[pid])) for pid in profiles}
    for profile_id, tag_id, use in db.session.execute(
        sa.select(profile_tags.c.profile_id, profile_tags.c.tag_id, profile_tags.c.use).where(
            profile_tags.c.profile_id.in_(profile_ids)
        )
    ):
        card = cards[profile_id]
        (card.offers if TagUse(use) is TagUse.OFFERS else card.seeks).append(tags[tag_id])
    for card in cards.values():
        card.offers.sort(key=lambda t: order[t.id])
        card.seeks.sort(key=lambda t: order[t.id])
    return [cards[pid] for pid in profile_ids if pid in cards]


@dataclass
class FilterChoices:
    tags: list[CapabilityTag]
    countries: list[str]
    organisation_types: list[OrganisationType]
    sides: list[Side]
    visible: int  # how many profiles the viewer may see


def filter_choices(
    event: Event, viewer: Participant, language: str, tags: list[CapabilityTag] | None = None
) -> FilterChoices:
    """What the filters offer: the tags, and the countries, types and sides one can find."""
    present = db.session.execute(
        sa.select(
            MatchProfile.country,
            MatchProfile.organisation_type,
            MatchProfile.side,
            sa.func.count(),
        )
        .where(visible_profiles(viewer))
        .group_by(MatchProfile.country, MatchProfile.organisation_type, MatchProfile.side)
    ).all()
    return FilterChoices(
        tags=sorted(
            tags if tags is not None else tags_of(event),
            key=lambda t: sort_key(t.localized("label", language)),
        ),
        countries=sorted({row.country for row in present}),
        organisation_types=[t for t in OrganisationType if t in {r[1] for r in present}],
        sides=[s for s in Side if s in {r.side for r in present}],
        visible=sum(row[3] for row in present),
    )
