"""The questions on the delegate's pages: register, complete an invitation, change my details.

The registration views (and the accreditation desk's, and a focal point's "register on
their behalf") call these functions: one builds the answers form that
goes with the page's person form (the delegate's category comes from that form,
as they may change it on the same page), the other stores what was answered once
the person's data is saved (the caller commits, or rolls back on an AnswerError).
"""

from forum.bilingual import reader_language
from forum.events.models import Event
from forum.questions import places, queries
from forum.questions.answer_form import AnswersForm, build_answers_form
from forum.questions.answers import SavedAnswers, save_answers
from forum.registration.models import BadgeCategory, Registration


def answers_form_for(
    event: Event,
    person_form,
    registration: Registration | None = None,
    category: str | None = None,
) -> AnswersForm:
    """The event's questions for a delegate page, in the reader's language, filled with the
    registration's answers (if any), for the category chosen in `person_form` (or given as
    `category` by a page whose form names it otherwise: the desk, a focal point's form)."""
    questions = queries.questions_of(event)
    chosen = category or getattr(getattr(person_form, "requested_category", None), "data", None)
    if not chosen:
        chosen = (
            registration.requested_category.value
            if registration is not None
            else BadgeCategory.DELEGATE.value
        )
    stored = queries.answers_of(registration.id) if registration is not None else {}
    return build_answers_form(
        questions,
        reader_language(),
        chosen,
        registration=registration,
        stored=stored,
        places_left=places.places_left(
            questions, besides=registration.id if registration is not None else None
        ),
    )


def both_valid(person_form, answers_form: AnswersForm) -> bool:
    """Validate the page's form and the answers (both, so that every error shows at once)."""
    if not person_form.is_submitted():
        return False
    person_valid = person_form.validate()
    return answers_form.validate() and person_valid


def save_from_form(
    registration: Registration, answers_form: AnswersForm, actor=None
) -> SavedAnswers:
    """Store the answers of a submitted form for `registration` (its person data saved
    first: its requested category decides which questions are shown). The form was built
    for this registration (answers_form_for), or for a new one that has no answers yet:
    the answers it read are the ones stored, not read again."""
    return save_answers(
        registration,
        answers_form.questions,
        answers_form.values(),
        answers_form.uploads(),
        category=registration.requested_category.value,
        actor=actor,
        stored=answers_form.stored,
    )
