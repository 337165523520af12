"""The questions on the delegate's pages: register, complete an invitation, change my details.

The registration views (and the accreditation desk's, and a focal point's "register on
their behalf") call these functions: one builds the answers form that
goes with the page's person form (the delegate's category comes from that form,
as they may change it on the same page), the other stores what was answered once
the person's data is saved (the caller commits, or rolls back on an AnswerError).
"""

from flask import request, session

from forum.bilingual import reader_language
from forum.events.models import Event
from forum.questions import held_files, places, queries
from forum.questions.answer_form import AnswersForm, build_answers_form
from forum.questions.answers import SavedAnswers, save_answers
from forum.questions.errors import AnswerError
from forum.questions.files import check_upload
from forum.questions.models import QuestionKind
from forum.registration.models import BadgeCategory, Registration


def answers_form_for(
    event: Event,
    person_form,
    registration: Registration | None = None,
    category: str | None = None,
    consents: bool = True,
) -> AnswersForm:
    """The event's questions for a delegate page, in the reader's language, filled with the
    registration's answers (if any), for the category chosen in `person_form` (or given as
    `category` by a page whose form names it otherwise: the desk, a focal point's form).
    Without `consents`, the consent questions are left out: they are the delegate's own to
    give (a focal point registering them leaves them for the delegate's confirmation)."""
    questions = queries.questions_of(event)
    if not consents:  # someone answering for the delegate: only the delegate can consent
        questions = [q for q in questions if q.kind is not QuestionKind.CONSENT]
    chosen = category or getattr(getattr(person_form, "requested_category", None), "data", None)
    if not chosen:
        chosen = (
            registration.requested_category.value
            if registration is not None
            else BadgeCategory.DELEGATE.value
        )
    stored = queries.answers_of(registration.id) if registration is not None else {}
    form = build_answers_form(
        questions,
        reader_language(),
        chosen,
        registration=registration,
        stored=stored,
        places_left=places.places_left(
            questions, besides=registration.id if registration is not None else None
        ),
    )
    key = session.get(held_files.SESSION_KEY)
    if request.method == "GET":
        held_files.release(key)  # a fresh form: nothing from an abandoned try (a desk's last)
    else:
        form.held = held_files.held_files(key)
    return form


def both_valid(person_form, answers_form: AnswersForm) -> bool:
    """Validate the page's form and the answers (both, so that every error shows at once)."""
    if not person_form.is_submitted():
        return False
    person_valid = person_form.validate()
    valid = answers_form.validate() and person_valid
    if not valid:
        hold_files(answers_form)
    return valid


def hold_files(answers_form: AnswersForm) -> None:
    """The form goes back with errors: hold each file that came with it (checked first: a
    file that is no good gets its message instead), so that the next try need not send it
    again. Call after any rollback of the failed try: the files are kept by the request's
    commit. Only this browser finds them (a random key in its signed session cookie)."""
    uploads = {
        question.id: answers_form.new_upload(question)
        for question in answers_form.asked.values()
        if question.kind is QuestionKind.FILE
    }
    uploads = {
        qid: file
        for qid, file in uploads.items()
        if file is not None and not answers_form[f"q{qid}"].errors
    }
    if not uploads:
        return
    key = session.setdefault(held_files.SESSION_KEY, held_files.new_key())
    for question_id, file in uploads.items():
        file.seek(0)
        try:
            checked = check_upload(file.filename, file.read(), question_id=question_id)
        except AnswerError as error:
            answers_form.add_error(question_id, str(error))
            continue
        answers_form.held[question_id] = held_files.hold(key, question_id, checked)


def save_from_form(
    registration: Registration, answers_form: AnswersForm, actor=None
) -> SavedAnswers:
    """Store the answers of a submitted form for `registration` (its person data saved
    first: its requested category decides which questions are shown). The form was built
    for this registration (answers_form_for), or for a new one that has no answers yet:
    the answers it read are the ones stored, not read again."""
    saved = save_answers(
        registration,
        answers_form.questions,
        answers_form.values(),
        answers_form.uploads(),
        category=registration.requested_category.value,
        actor=actor,
        stored=answers_form.stored,
    )
    held_files.release(session.get(held_files.SESSION_KEY))  # used: nothing more to hold
    return saved
