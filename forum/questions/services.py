"""What organisers do with the questions: add, change, retire, delete; their choices.

Sections and the order of the form are in forum/questions/layout.py.

Every change is allowed while registration is open and keeps the answers given:
answers are stored against the question's and the choice's id, so a new label
keeps them; a question or choice that has answers is retired (no longer asked,
its answers kept), never deleted. The rules that keep the form sane are here:
one level of conditions, a question's type fixed once answered, one question on
the badge and one at the door.

Services flush and return; the request commits once.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.questions.answer_models import Answer, answer_choices
from forum.questions.badges import BADGE_LANGUAGE
from forum.questions.errors import QuestionError
from forum.questions.models import (
    CONDITION_KINDS,
    NO,
    SHORT_ANSWER_KINDS,
    YES,
    Choice,
    Question,
    QuestionKind,
    Section,
)

# The columns a question form sets (besides its section, kind, condition and choices).
QUESTION_FIELDS = (
    "label",
    "label_uk",
    "short_label",
    "short_label_uk",
    "help",
    "help_uk",
    "required",
    "display",
    "categories",
    "max_length",
    "min_number",
    "max_number",
    "min_date",
    "max_date",
    "consent_version",
    "editable_after_approval",
    "needs_review",
    "on_badge",
    "at_door",
)


@dataclass(frozen=True)
class ChoiceData:
    """One row of a question's choices as the organiser left it (id None: a new choice)."""

    id: int | None
    label: str
    label_uk: str = ""
    places: int | None = None
    retired: bool = False


# -- questions -------------------------------------------------------------------------------


def create_question(
    event: Event,
    section: Section,
    kind: QuestionKind,
    fields: dict[str, Any],
    choices: list[ChoiceData] = (),
    condition: tuple[int, str] | None = None,
) -> Question:
    """A new question at the end of `section`."""
    last = db.session.scalar(
        sa.select(sa.func.max(Question.position)).where(Question.section_id == section.id)
    )
    question = Question(event_id=event.id, kind=kind, position=(last or 0) + 1)
    line_before = badge_line(event.id)
    with db.session.no_autoflush:  # written once complete
        question.section = section
        db.session.add(question)
        _apply(question, section, kind, fields, choices, condition, answered=False)
    db.session.flush()
    _after_badge_line(event.id, line_before)
    record("question.created", question, question=question.label)
    return question


def update_question(
    question: Question,
    section: Section,
    kind: QuestionKind,
    fields: dict[str, Any],
    choices: list[ChoiceData] = (),
    condition: tuple[int, str] | None = None,
) -> Question:
    """Save an organiser's changes; the answers given stay with the question."""
    answered = has_answers(question)
    line_before = badge_line(question.event_id)
    with db.session.no_autoflush:
        _apply(question, section, kind, fields, choices, condition, answered=answered)
    question.updated_at = utcnow()
    db.session.flush()
    _after_badge_line(question.event_id, line_before)
    record("question.updated", question, question=question.label)
    return question


def badge_line(event_id: int) -> tuple | None:
    """What decides the badges' answer line ("Interpretation: French"): the question printed
    on the badges, its title and its choices' labels, in the badges' language."""
    with db.session.no_autoflush:
        question = db.session.scalar(
            sa.select(Question).where(
                Question.event_id == event_id, Question.on_badge, Question.retired_at.is_(None)
            )
        )
    if question is None:
        return None
    return (
        question.id,
        question.title_in(BADGE_LANGUAGE),
        tuple((c.id, c.localized("label", BADGE_LANGUAGE)) for c in question.choices),
    )


def _after_badge_line(event_id: int, before: tuple | None) -> None:
    """The badges' answer line changed: every badge printed until now is to be reprinted
    (listed as changed since printed; its QR code stays valid, nothing about the person
    changed)."""
    if badge_line(event_id) == before:
        return
    event = db.session.get(Event, event_id)
    event.badge_line_changed_at = utcnow()
    db.session.flush()
    record("badges.line_changed", event, question=before[1] if before else "")


def _apply(question, section, kind, fields, choices, condition, answered: bool) -> None:
    if section.event_id != question.event_id:
        raise QuestionError(_l("Choose a section of this form."))
    if answered and kind is not question.kind:
        raise QuestionError(
            _l(
                "This question has answers, so its type cannot change. Retire it and add "
                "a new question instead."
            )
        )
    if kind not in CONDITION_KINDS and dependants(question):
        raise QuestionError(
            _l("Other questions are shown depending on this one: it must stay a choice or yes/no.")
        )
    if question.section_id != section.id:
        question.section = section
        question.position = _last_position(section) + 1
    question.kind = kind
    for name in QUESTION_FIELDS:
        if name in fields:
            setattr(question, name, fields[name])
    _check_short_answer(question)
    _set_condition(question, condition)
    if question.has_choices:
        _set_choices(question, choices)
        if not question.live_choices():
            raise QuestionError(_l("Give the question at least one choice."))
    _keep_one(question, "on_badge", "at_door")
    db.session.flush()


def _last_position(section: Section) -> int:
    return max((q.position for q in section.questions), default=0)


def _check_short_answer(question: Question) -> None:
    if (question.on_badge or question.at_door) and question.kind not in SHORT_ANSWER_KINDS:
        raise QuestionError(
            _l(
                "Only a short answer can go on the badge or to the door: not a long text, "
                "a file or a consent."
            )
        )


def _keep_one(question: Question, *flags: str) -> None:
    """One question of the event prints on the badge, one shows at the door: this one now,
    for each of `flags` it has."""
    wanted = [flag for flag in flags if getattr(question, flag)]
    if not wanted:
        return
    # The others are switched off first, in a flush of their own: the database's unique
    # indexes allow one at a time, whatever order a flush would write the rows in.
    for flag in wanted:
        setattr(question, flag, False)
    with db.session.no_autoflush:
        others = db.session.scalars(
            sa.select(Question).where(
                Question.event_id == question.event_id,
                sa.or_(*(getattr(Question, flag) for flag in wanted)),
            )
        ).all()
    for other in others:
        for flag in wanted:
            setattr(other, flag, False)
    db.session.flush()
    for flag in wanted:
        setattr(question, flag, True)


def _set_condition(question: Question, condition: tuple[int, str] | None) -> None:
    """Shown only when question `condition[0]` has the value `condition[1]`; one level."""
    if condition is None:
        question.condition_question = None
        question.condition_value = ""
        return
    other_id, value = condition
    other = db.session.get(Question, other_id)
    if other is None or other.event_id != question.event_id or other is question:
        raise QuestionError(_l("Choose a question of this form for the condition."))
    if other.kind not in CONDITION_KINDS:
        raise QuestionError(_l("A condition can only be about a choice or a yes/no question."))
    if other.condition_question_id is not None:
        raise QuestionError(
            _l(
                "That question is itself shown only under a condition: conditions go one "
                "level deep. Choose a question that is always asked."
            )
        )
    if dependants(question):
        raise QuestionError(
            _l(
                "Other questions are shown depending on this one, so it cannot depend on "
                "another question itself (conditions go one level deep)."
            )
        )
    allowed = {YES, NO} if other.kind is QuestionKind.YES_NO else {str(c.id) for c in other.choices}
    if value not in allowed:
        raise QuestionError(_l("Choose one of that question's answers for the condition."))
    question.condition_question = other
    question.condition_value = value


def _set_choices(question: Question, rows: list[ChoiceData]) -> None:
    """Add, change, retire and delete choices. A choice somebody chose is retired, not
    deleted, when it is left out."""
    existing = {choice.id: choice for choice in question.choices}
    kept = set()
    for position, row in enumerate(rows, start=1):
        if row.id is not None and row.id not in existing:
            raise QuestionError(_l("A choice of another question cannot be changed here."))
        if not row.label.strip():
            continue
        choice = existing.get(row.id) if row.id is not None else None
        if choice is None:
            choice = Choice()
            question.choices.append(choice)
        else:
            kept.add(choice.id)
        choice.label, choice.label_uk = row.label.strip(), row.label_uk.strip()
        choice.places = row.places
        choice.position = position
        if row.retired and choice.retired_at is None:
            choice.retired_at = utcnow()
        elif not row.retired:
            choice.retired_at = None
    for choice_id, choice in existing.items():
        if choice_id in kept:
            continue
        if _choice_taken(choice_id):
            choice.retired_at = choice.retired_at or utcnow()
        elif _condition_on(question, str(choice_id)):
            raise QuestionError(
                _l(
                    "A question is shown depending on “%(choice)s”: keep that choice.",
                    choice=choice.label,
                )
            )
        else:
            question.choices.remove(choice)


def _choice_taken(choice_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(answer_choices.c.answer_id)
            .where(answer_choices.c.choice_id == choice_id)
            .limit(1)
        )
        is not None
    )


def _condition_on(question: Question, value: str) -> bool:
    return any(q.condition_value == value for q in dependants(question))


def dependants(question: Question) -> list[Question]:
    """The questions shown depending on `question`'s answer."""
    if question.id is None:
        return []
    return list(
        db.session.scalars(sa.select(Question).where(Question.condition_question_id == question.id))
    )


def has_answers(question: Question) -> bool:
    if question.id is None:
        return False
    return (
        db.session.scalar(sa.select(Answer.id).where(Answer.question_id == question.id).limit(1))
        is not None
    )


def retire_question(question: Question) -> None:
    """No longer ask the question; its answers stay visible to officers and in exports."""
    if question.retired_at is not None:
        return
    line_before = badge_line(question.event_id)
    question.retired_at = utcnow()
    question.on_badge = question.at_door = False
    db.session.flush()
    _after_badge_line(question.event_id, line_before)
    record("question.retired", question, question=question.label)


def restore_question(question: Question) -> None:
    if question.retired_at is None:
        return
    question.retired_at = None
    db.session.flush()
    record("question.restored", question, question=question.label)


def delete_question(question: Question) -> None:
    """Delete a question nobody answered and no other depends on; otherwise retire it."""
    if has_answers(question):
        raise QuestionError(
            _l("This question has answers: retire it instead, so that they stay with the officers.")
        )
    if dependants(question):
        raise QuestionError(
            _l("Other questions are shown depending on this one: change them first.")
        )
    record("question.deleted", question, question=question.label)
    db.session.delete(question)
    db.session.flush()
