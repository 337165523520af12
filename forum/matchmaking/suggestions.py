"""Suggested for you: the profiles whose offers and needs fit the viewer's, with the reasons.

A profile scores for each capability it offers that the viewer seeks, and each the
viewer offers that it seeks (3 points each), each other capability both work on (1)
and each word of its offer that the viewer's needs mention (1, at most 3). To a
profile that fits so, each cooperation type both are open to adds 1, and an
EU-Ukrainian pair, what the forum is for, adds 2. Profiles the viewer already has an
open request or a meeting with are left out: they are on the meetings page.

Scores are worked out in Python from two queries (profiles, tags); the texts' words
are compared as stored search keys, so this stays fast with thousands of profiles
(bench/bench_matchmaking.py).
"""

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.access import visible_profiles
from forum.matchmaking.directory import ProfileCard, cards_for, sort_key
from forum.matchmaking.meeting_models import MeetingRequest
from forum.matchmaking.meeting_requests import OPEN_STATES, involving
from forum.matchmaking.models import (
    CapabilityTag,
    Cooperation,
    MatchProfile,
    Participant,
    Side,
    TagUse,
    profile_tags,
)
from forum.matchmaking.setup import tags_of
from forum.search.keys import words_of

SIDES = {side.value: side for side in Side}
PER_MATCHING_TAG = 3
PER_SHARED_TAG = 1
PER_COOPERATION = 1
PER_WORD = 1
MAX_WORDS = 3
CROSS_SIDE = 2
# Words too common in a defence forum's profiles to say anything (as search keys).
COMMON_WORDS = frozenset(
    words_of(
        "about other their these those which would could should where there systems system "
        "products product production company companies services service solutions partner "
        "partners partnership cooperation europe european ukraine ukrainian defence defense "
        "military industry industrial looking including develop development "
        "компанія компанії системи система продукція виробництво україна українські "
        "оборонні оборона партнери партнерів співпраця розробка"
    )
)


@dataclass
class Suggestion:
    card: ProfileCard
    score: int
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    id: int
    organisation: str
    side: Side
    cooperation: str  # the JSON list as stored
    offer_keys: str  # " key key ": split only when the tags do not fit already
    offers: set[int] = field(default_factory=set)
    seeks: set[int] = field(default_factory=set)
    # What fits, worked out by _score():
    gives: set[int] = field(default_factory=set)
    takes: set[int] = field(default_factory=set)
    shared: set[int] = field(default_factory=set)
    both_open: list[str] = field(default_factory=list)  # Cooperation values
    words: list[str] = field(default_factory=list)
    cross_side: bool = False
    score: int = 0


def _keys(text: str) -> set[str]:
    return {k for k in text.split() if len(k) >= 5 and k not in COMMON_WORDS}


def _in_contact(viewer: Participant) -> set[int]:
    """Profiles of the people the viewer has an open request or meeting with."""
    rows = db.session.execute(
        sa.select(MeetingRequest.requester_id, MeetingRequest.recipient_id).where(
            MeetingRequest.state.in_(OPEN_STATES), involving(viewer.id)
        )
    ).all()
    others = {a if a != viewer.id else b for a, b in rows}
    if not others:
        return set()
    return set(
        db.session.scalars(sa.select(Participant.profile_id).where(Participant.id.in_(others)))
    )


def _score(
    c: _Candidate,
    mine: MatchProfile,
    my_tags: dict[TagUse, set[int]],
    my_need_keys: set[str],
    my_cooperation: list[str],
) -> None:
    theirs = c.offers | c.seeks
    words = [k for k in my_need_keys if f" {k} " in c.offer_keys]
    if not (theirs or words):
        return  # nothing fits: no score, and no more work for this profile
    c.gives = c.offers & my_tags[TagUse.SEEKS]
    c.takes = c.seeks & my_tags[TagUse.OFFERS]
    c.shared = theirs - (c.gives | c.takes)
    c.words = sorted(words)[:MAX_WORDS]
    fit = (
        PER_MATCHING_TAG * (len(c.gives) + len(c.takes))
        + PER_SHARED_TAG * len(c.shared)
        + PER_WORD * len(c.words)
    )
    c.both_open = [x for x in my_cooperation if f'"{x}"' in c.cooperation]
    c.cross_side = {c.side, mine.side} == {Side.EU, Side.UKRAINE}
    # Cooperation types and sides only add to a fit of capabilities or words.
    c.score = fit + PER_COOPERATION * len(c.both_open) + CROSS_SIDE * c.cross_side


def _names(tag_ids: set[int], tags: dict[int, CapabilityTag], language: str) -> str:
    labels = sorted((tags[t].localized("label", language) for t in tag_ids), key=sort_key)
    return ", ".join(labels)


def _offer_words(profile: MatchProfile, keys: list[str]) -> list[str]:
    """The words of the profile's offer (as written) whose search keys are `keys`."""
    found: dict[str, str] = {}
    for text in (profile.offers, profile.offers_uk):
        for word in re.findall(r"\w+", text or ""):
            key = next(iter(words_of(word)), "")
            if key in keys and key not in found:
                found[key] = word.lower()
    return [found.get(k, k) for k in keys]


def _reasons(
    c: _Candidate, profile: MatchProfile, tags: dict[int, CapabilityTag], language: str
) -> list[str]:
    """Why `c` is suggested, in the reader's words."""
    reasons = []
    if c.gives:
        reasons.append(_("Offers what you seek: %(tags)s", tags=_names(c.gives, tags, language)))
    if c.takes:
        reasons.append(_("Seeks what you offer: %(tags)s", tags=_names(c.takes, tags, language)))
    if c.shared:
        reasons.append(_("Also works on: %(tags)s", tags=_names(c.shared, tags, language)))
    if c.words:
        words = ", ".join(_offer_words(profile, c.words))
        reasons.append(_("Their offer mentions what you seek: %(words)s", words=words))
    if c.both_open:
        kinds = ", ".join(str(Cooperation(x).label) for x in c.both_open)
        reasons.append(_("Both open to: %(kinds)s", kinds=kinds))
    if c.cross_side:
        reasons.append(_("An EU–Ukrainian pair"))
    return reasons


def suggestions_for(
    event: Event, viewer: Participant, language: str, limit: int = 8
) -> list[Suggestion]:
    """The best-fitting profiles for the viewer's organisation, best first, with reasons."""
    mine = viewer.profile
    tags = {t.id: t for t in tags_of(event)}
    my_tags: dict[TagUse, set[int]] = {TagUse.OFFERS: set(), TagUse.SEEKS: set()}
    for tag_id, use in db.session.execute(
        sa.select(profile_tags.c.tag_id, profile_tags.c.use).where(
            profile_tags.c.profile_id == mine.id
        )
    ):
        my_tags[TagUse(use)].add(tag_id)
    skip = _in_contact(viewer)
    # Plain rows (Core, no ORM objects): thousands of profiles are read at each visit.
    connection = db.session.connection()
    candidates = {
        row.id: _Candidate(
            row.id, row.organisation, SIDES[row.side], row.cooperation or "", row.offer_keys
        )
        for row in connection.execute(
            sa.select(
                MatchProfile.id,
                MatchProfile.organisation,
                sa.type_coerce(MatchProfile.side, sa.String).label("side"),
                # The JSON list as written ('["partner"]'): decoding thousands of them costs
                # more than looking for the few values in the text.
                sa.cast(MatchProfile.cooperation, sa.Text).label("cooperation"),
                MatchProfile.offer_keys,
            ).where(visible_profiles(viewer))
        ).all()
        if row.id not in skip
    }
    # Only the viewer's own tags can fit: the others' rows are not read.
    my_all = my_tags[TagUse.OFFERS] | my_tags[TagUse.SEEKS]
    tag_rows = connection.execute(
        sa.select(
            profile_tags.c.profile_id,
            profile_tags.c.tag_id,
            sa.type_coerce(profile_tags.c.use, sa.String),  # the plain value, no enum
        )
        .join(MatchProfile, MatchProfile.id == profile_tags.c.profile_id)
        .where(MatchProfile.event_id == event.id, profile_tags.c.tag_id.in_(my_all))
    ).all()
    for profile_id, tag_id, use in tag_rows:
        c = candidates.get(profile_id)
        if c is not None:
            (c.offers if use == TagUse.OFFERS.value else c.seeks).add(tag_id)
    need_keys = _keys(mine.seek_keys)
    my_cooperation = [x.value for x in Cooperation if x.value in (mine.cooperation or [])]
    for c in candidates.values():
        _score(c, mine, my_tags, need_keys, my_cooperation)
    best = sorted(
        (c for c in candidates.values() if c.score),
        key=lambda c: (-c.score, sort_key(c.organisation), c.id),
    )[:limit]
    cards = {card.profile.id: card for card in cards_for(event, [c.id for c in best], language)}
    return [
        Suggestion(cards[c.id], c.score, _reasons(c, cards[c.id].profile, tags, language))
        for c in best
    ]
