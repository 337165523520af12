"""The officers' registration list: search, filters, sorting, pagination and counts."""

import re
from dataclasses import dataclass, fields, replace
from math import ceil

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.search.queries import matching
from forum.text import normalise_email

# The delegations' membership table, named rather than imported: the delegations feature is
# built on registration, not the other way round (forum/delegations/models.py).
DELEGATION_MEMBERS = sa.table(
    "delegation_members", sa.column("delegation_id"), sa.column("registration_id")
)
# The organisers' questions' answers, named rather than imported, for the same reason
# (forum/questions/answer_models.py): the officers filter their list by an answer.
ANSWERS = sa.table(
    "answers",
    sa.column("id"),
    sa.column("registration_id"),
    sa.column("question_id"),
    sa.column("flag", sa.Boolean),
)
ANSWER_CHOICES = sa.table("answer_choices", sa.column("answer_id"), sa.column("choice_id"))
# An answer filter: c<choice id> (that choice chosen), y<question id> / n<question id> (yes/no).
ANSWER_FILTER = re.compile(r"[cyn][1-9][0-9]{0,8}")
PER_PAGE = 50
ALL_STATES = "all"  # the `state` argument of the list of every visible state
# Unconfirmed registrations never reach the officers.
VISIBLE_STATES = [s for s in RegistrationState if s is not RegistrationState.SUBMITTED]
SORTS = {
    "name": (Registration.family_name, Registration.given_name),
    "organisation": (Registration.organisation, Registration.family_name),
    "country": (Registration.country, Registration.family_name),
    "state": (Registration.state, Registration.family_name),
    "category": (Registration.category, Registration.family_name),
    "created": (Registration.created_at,),
}


@dataclass(frozen=True)
class ListFilter:
    q: str = ""
    state: str = ""
    category: str = ""
    organisation_type: str = ""
    country: str = ""
    delegation: str = ""  # a delegation's id (forum.delegations): its members only
    answer: str = ""  # ANSWER_FILTER: an answer to one of the organisers' questions
    sort: str = "created"
    desc: bool = True
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> "ListFilter":
        """Read the filter from query arguments, dropping values that make no sense."""

        def allowed(name: str, values) -> str:
            value = args.get(name, "")
            return value if value in values else ""

        page = args.get("page", "1")
        return cls(
            q=args.get("q", "").strip()[:100],
            state=allowed("state", {s.value for s in VISIBLE_STATES}),
            category=allowed("category", {c.value for c in BadgeCategory}),
            organisation_type=allowed("organisation_type", {t.value for t in OrganisationType}),
            country=args.get("country", "").upper()[:2]
            if args.get("country", "").isalpha()
            else "",
            delegation=args.get("delegation", "")
            if args.get("delegation", "").isdigit() and len(args["delegation"]) < 10
            else "",
            answer=args.get("answer", "")
            if ANSWER_FILTER.fullmatch(args.get("answer", ""))
            else "",
            sort=args.get("sort") if args.get("sort") in SORTS else "created",
            desc=args.get("desc", "1" if "sort" not in args else "") == "1",
            page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        )

    @classmethod
    def pending_queue(cls) -> "ListFilter":
        """Where the officers' list opens: the registrations awaiting a decision, oldest first."""
        return cls(state=RegistrationState.PENDING.value, desc=False)

    def args(self, **changes) -> dict:
        """Query arguments for a link to this list with some values changed.

        A link to every state says so (`state=all`): a link without arguments opens
        the pending queue.
        """
        values = {f.name: getattr(replace(self, **changes), f.name) for f in fields(self)}
        values["desc"] = "1" if values["desc"] else ""
        values["state"] = values["state"] or ALL_STATES
        return {k: v for k, v in values.items() if v not in ("", None) and (k != "page" or v != 1)}


@dataclass
class Page:
    items: list[Registration]
    total: int
    page: int
    pages: int


def visible(event: Event) -> sa.Select:
    """The event's registrations officers may see (the list, bulk actions): never unconfirmed."""
    return sa.select(Registration).where(
        Registration.event_id == event.id, Registration.state.in_(VISIBLE_STATES)
    )


def text_matches(event: Event, text: str) -> sa.ColumnElement[bool]:
    """Each word of `text` starts a word of the name, organisation or e-mail address, in
    either script; a whole e-mail address finds that address only (search keys hold
    letters alone, so "delegate12@example.org" would otherwise find every delegate…@)."""
    words = text.split()
    if len(words) == 1 and "@" in words[0]:
        return Registration.email_key == normalise_email(words[0])
    return matching(Registration.id, text, event_id=event.id)


def filtered(event: Event, flt: ListFilter, *, with_state: bool = True) -> sa.Select:
    """The registrations matching the filter (visible states only), unsorted."""
    query = visible(event)
    if flt.q:
        query = query.where(text_matches(event, flt.q))
    if with_state and flt.state:
        query = query.where(Registration.state == RegistrationState(flt.state))
    if flt.category:
        query = query.where(Registration.category == BadgeCategory(flt.category))
    if flt.organisation_type:
        query = query.where(
            Registration.organisation_type == OrganisationType(flt.organisation_type)
        )
    if flt.country:
        query = query.where(Registration.country == flt.country)
    if flt.delegation:
        members = DELEGATION_MEMBERS.c
        query = query.where(
            Registration.id.in_(
                sa.select(members.registration_id).where(
                    members.delegation_id == int(flt.delegation)
                )
            )
        )
    if flt.answer:
        query = query.where(Registration.id.in_(answered(flt.answer)))
    return query


def answered(answer_filter: str) -> sa.Select:
    """The ids of the registrations whose answer matches an ANSWER_FILTER value."""
    answers = ANSWERS.c
    kind, number = answer_filter[0], int(answer_filter[1:])
    if kind == "c":
        chosen = ANSWER_CHOICES.c
        return (
            sa.select(answers.registration_id)
            .join(ANSWER_CHOICES, chosen.answer_id == answers.id)
            .where(chosen.choice_id == number)
        )
    return sa.select(answers.registration_id).where(
        answers.question_id == number, answers.flag == (kind == "y")
    )


def sorted_query(event: Event, flt: ListFilter) -> sa.Select:
    columns = SORTS[flt.sort]
    order = [c.desc() if flt.desc else c.asc() for c in columns]
    return filtered(event, flt).order_by(
        *order, Registration.id.desc() if flt.desc else Registration.id.asc()
    )


def search(event: Event, flt: ListFilter, per_page: int = PER_PAGE) -> Page:
    """One page of the filtered, sorted list."""
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(filtered(event, flt).subquery())
    )
    pages = max(1, ceil(total / per_page))
    page = min(flt.page, pages)
    items = db.session.scalars(
        sorted_query(event, flt).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(items=list(items), total=total, page=page, pages=pages)


def state_counts(event: Event, flt: ListFilter) -> dict[RegistrationState, int]:
    """How many registrations of each state match the filter (ignoring its state)."""
    subquery = filtered(event, flt, with_state=False).subquery()
    rows = db.session.execute(
        sa.select(subquery.c.state, sa.func.count()).group_by(subquery.c.state)
    ).all()
    counts = {state: 0 for state in VISIBLE_STATES}
    for state, count in rows:
        counts[RegistrationState(state)] = count
    return counts
