"""A delegate's answers: stored on registration, changed while the registration can change.

The form (forum/questions/forms.py) checks types, lengths, ranges and choices;
here, in the transaction that keeps them, the rules that need the database:
places left (forum/questions/places.py), the file's content (files.py), which
questions the delegate may still change, and "changes go back to the officers":
an accredited delegate who changes an answer the organisers marked as needing
review is back with the officers (their badge stops opening doors), as for a
changed name or photo (forum.registration.services.update_person).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.db import utcnow
from forum.extensions import db
from forum.questions import places, rules
from forum.questions.answer_models import Answer, AnswerFile
from forum.questions.errors import AnswerError
from forum.questions.files import check_upload
from forum.questions.models import Question, QuestionKind
from forum.questions.queries import answers_of
from forum.registration.decisions import move
from forum.registration.models import Registration, RegistrationState
from forum.signals import badge_details_changed

REVIEW_REASON = "answers needing review changed"
BADGE_REASON = "answer printed on the badge changed"


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass
class SavedAnswers:
    """What saving changed: the questions whose answers changed, and whether the
    registration went back to the officers because of them."""

    changed: list[Question] = field(default_factory=list)
    back_to_pending: bool = False


def may_change(registration: Registration | None, question: Question) -> bool:
    """Can the delegate change this answer now? Anything until accreditation; after it,
    only the questions marked "editable after approval"."""
    if question.is_retired:
        return False
    if registration is None or not registration.is_accredited:
        return True
    return question.editable_after_approval


def stored_values(question: Question, answer: Answer | None) -> object:
    """A stored answer as the forms give values (see save_answers)."""
    if answer is None:
        return None
    kind = question.kind
    if question.has_choices:
        return [choice.id for choice in answer.chosen]
    if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return answer.flag
    if kind is QuestionKind.NUMBER:
        return answer.number
    if kind is QuestionKind.DATE:
        return answer.date_value
    if kind is QuestionKind.FILE:
        return answer.file.filename if answer.file is not None else None
    return answer.text


def save_answers(
    registration: Registration,
    questions: Iterable[Question],
    values: Mapping[int, object],
    uploads: Mapping[int, Upload] | None = None,
    *,
    category: str,
    actor=None,
    stored: Mapping[int, Answer] | None = None,
) -> SavedAnswers:
    """Store the answers a delegate gave to `questions` (the event's, as the form asked them).

    `values` maps a question id to its value as the form parsed it: a text (texts,
    country code), an int (number), a date, True/False/None (yes/no, consent), a list
    of choice ids (choices). `uploads` holds the new files (a file answer without a new
    upload keeps its file). Only the questions the delegate may change (may_change) are
    touched; one that is not shown to them (rules.is_shown: their category, a condition
    not met) loses its answer. `stored` is the registration's answers as the caller read
    them in this transaction (queries.answers_of), read here when not given. AnswerError
    (ChoiceFullError, AnswerFileError) names the question it is about; the caller rolls back.
    """
    uploads = uploads or {}
    questions = list(questions)
    if stored is None:
        stored = answers_of(registration.id) if registration.id is not None else {}
    changeable = {q.id for q in questions if may_change(registration, q)}
    current = {
        q.id: values.get(q.id) if q.id in changeable else stored_values(q, stored.get(q.id))
        for q in questions
    }
    conditions = {q.id: rules.condition_values(q, current[q.id]) for q in questions}
    result = SavedAnswers()
    for question in questions:
        if question.id not in changeable:
            continue
        shown = rules.is_shown(question, category, conditions)
        value = current[question.id] if shown else None
        upload = uploads.get(question.id) if shown else None
        if _store(registration, question, stored.get(question.id), value, upload):
            result.changed.append(question)
    db.session.flush()
    if result.changed:
        _after_change(registration, result, actor)
    return result


def _store(registration, question, answer, value, upload) -> bool:
    """Write one answer; True if it changed."""
    kind = question.kind
    if kind is QuestionKind.FILE:
        return _store_file(registration, question, answer, upload, keep=bool(value))
    if not rules.is_answered(question, value):
        if answer is None:
            return False
        db.session.delete(answer)
        return True
    if answer is None:
        answer = Answer(registration_id=registration.id, question_id=question.id)
        db.session.add(answer)
    before = stored_values(question, answer) if answer.id is not None else None
    if question.has_choices:
        _choose(registration, question, answer, value)
    elif kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        answer.flag = bool(value)
        if kind is QuestionKind.CONSENT and answer.consent_version != question.consent_version:
            answer.consent_version = question.consent_version
            before = None  # agreeing to a new version is a change
    elif kind is QuestionKind.NUMBER:
        answer.number = int(value)
    elif kind is QuestionKind.DATE:
        answer.date_value = value
    else:
        answer.text = str(value).strip()
    after = stored_values(question, answer)
    changed = set(before or ()) != set(after) if question.has_choices else before != after
    if changed:
        answer.updated_at = utcnow()
    return changed


def _choose(registration, question: Question, answer: Answer, ids: list[int]) -> None:
    """Set the chosen choices; a new one with places needs a place left."""
    by_id = {choice.id: choice for choice in question.choices}
    before = {choice.id for choice in answer.chosen}
    wanted = list(dict.fromkeys(ids))
    if any(i not in by_id for i in wanted) or (
        question.kind is QuestionKind.SINGLE_CHOICE and len(wanted) > 1
    ):
        raise AnswerError(_l("Choose one of the answers offered."), question_id=question.id)
    new = [i for i in wanted if i not in before]
    if any(by_id[i].is_retired for i in new):
        raise AnswerError(
            _l("That answer is no longer offered. Please choose another."),
            question_id=question.id,
        )
    places.take_places(question, registration.id, new)
    answer.chosen = [by_id[i] for i in wanted]


def _store_file(registration, question, answer, upload: Upload | None, keep: bool) -> bool:
    if upload is None:
        if keep or answer is None:
            return False
        db.session.delete(answer)  # the question is no longer shown: its file goes
        return True
    checked = check_upload(upload.filename, upload.data, question_id=question.id)
    if answer is None:
        answer = Answer(registration_id=registration.id, question_id=question.id)
        db.session.add(answer)
    answer.file = AnswerFile(
        filename=checked.filename,
        content_type=checked.content_type,
        size=len(checked.data),
        data=checked.data,
    )
    answer.updated_at = utcnow()
    return True


def _after_change(registration: Registration, result: SavedAnswers, actor) -> None:
    actor = actor or registration.user
    record(
        "registration.answers",
        registration,
        actor=actor,
        questions=[question.title_in("en") for question in result.changed],
    )
    if not registration.is_accredited:
        return
    if any(question.on_badge for question in result.changed):
        badge_details_changed.send(registration, reason=BADGE_REASON, actor=actor)
    if any(question.needs_review for question in result.changed):
        move(registration, RegistrationState.PENDING, actor=actor, reason=REVIEW_REASON)
        result.back_to_pending = True


def erase_answers(registration: Registration) -> int:
    """Delete every answer of a registration, uploaded files included (erasure, purge)."""
    answers = list(answers_of(registration.id).values())
    for answer in answers:
        db.session.delete(answer)
    db.session.flush()
    return len(answers)
