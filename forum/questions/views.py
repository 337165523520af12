"""The organisers' editor of the registration form's questions, and its preview."""

from collections.abc import Callable
from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import LANGUAGES, reader_language
from forum.events.services import current_event
from forum.extensions import db
from forum.i18n import BABEL_LOCALES
from forum.questions import bp, layout, places, queries, services
from forum.questions.answer_form import build_answers_form
from forum.questions.errors import QuestionError
from forum.questions.forms import OrderForm, QuestionForm, SectionForm
from forum.questions.models import Question, QuestionKind, Section
from forum.registration.models import REQUESTABLE_CATEGORIES, BadgeCategory

organiser = allow(Role.ORGANISER)


@bp.get("/organise/questions/")
@organiser
def editor() -> str:
    """Every section and question in the form's order, with answers counted."""
    event = current_event()
    sections = queries.sections_of(event)
    questions = queries.questions_in(sections)
    held = places.taken(c.id for q in questions for c in q.choices if c.places is not None)
    return render_template(
        "questions/editor.html",
        event=event,
        sections=sections,
        answer_counts=queries.answer_counts(event),
        held=held,
        order_form=OrderForm(),
    )


@bp.route("/organise/questions/sections/new", methods=["GET", "POST"])
@organiser
def new_section() -> str | Response:
    form = SectionForm()
    if form.validate_on_submit():
        layout.create_section(current_event(), form.title.data, form.title_uk.data or "")
        flash(_("The section is added."), "success")
        return redirect(url_for("questions.editor"))
    return render_template("questions/section_form.html", form=form, section=None)


@bp.route("/organise/questions/sections/<int:section_id>", methods=["GET", "POST"])
@organiser
def edit_section(section_id: int) -> str | Response:
    section = _section_or_404(section_id)
    form = SectionForm(obj=section)
    if form.validate_on_submit():
        layout.update_section(section, form.title.data, form.title_uk.data or "")
        flash(_("The section is saved."), "success")
        return redirect(url_for("questions.editor"))
    return render_template("questions/section_form.html", form=form, section=section)


@bp.post("/organise/questions/sections/<int:section_id>/delete")
@organiser
def delete_section(section_id: int) -> Response:
    layout.delete_section(_section_or_404(section_id))  # QuestionError: flashed
    flash(_("The section is deleted."), "success")
    return redirect(url_for("questions.editor"))


@bp.route("/organise/questions/new", methods=["GET", "POST"])
@organiser
def new_question() -> str | Response:
    event = current_event()
    sections = queries.sections_of(event)
    if not sections:
        flash(_("Add a section first: every question belongs to one."), "info")
        return redirect(url_for("questions.new_section"))
    form = QuestionForm(sections=sections, others=queries.questions_in(sections))
    if request.method == "GET":
        wanted = request.args.get("section", "")
        form.section.data = int(wanted) if wanted.isdigit() else sections[-1].id
        form.add_blank_choices()
    if form.validate_on_submit():
        question = _save_question(form, sections, partial(services.create_question, event))
        if question is not None:
            flash(_("The question is added."), "success")
            return redirect(url_for("questions.editor", _anchor=f"question-{question.id}"))
    return _question_page(form, None)


@bp.route("/organise/questions/<int:question_id>", methods=["GET", "POST"])
@organiser
def edit_question(question_id: int) -> str | Response:
    event = current_event()
    question = _question_or_404(question_id)
    sections = queries.sections_of(event)
    others = [q for q in queries.questions_in(sections) if q.id != question.id]
    form = QuestionForm(
        obj=question if request.method == "GET" else None,
        sections=sections,
        others=others,
    )
    if request.method == "GET":
        form.section.data = question.section_id
        form.kind.data = question.kind.value
        form.display.data = question.display.value
        form.categories.data = list(question.categories or [])
        if question.condition_question_id:
            form.condition.data = f"{question.condition_question_id}:{question.condition_value}"
        _fill_choices(form, question)
    if form.validate_on_submit() and _save_question(
        form, sections, partial(services.update_question, question)
    ):
        flash(_("The question is saved; the answers given stay with it."), "success")
        return redirect(url_for("questions.editor", _anchor=f"question-{question.id}"))
    return _question_page(form, question)


@bp.post("/organise/questions/<int:question_id>/retire")
@organiser
def retire_question(question_id: int) -> Response:
    question = _question_or_404(question_id)
    services.retire_question(question)
    flash(_("The question is retired: delegates no longer see it; its answers stay."), "success")
    return redirect(url_for("questions.editor", _anchor=f"question-{question.id}"))


@bp.post("/organise/questions/<int:question_id>/restore")
@organiser
def restore_question(question_id: int) -> Response:
    question = _question_or_404(question_id)
    services.restore_question(question)
    flash(_("The question is asked again."), "success")
    return redirect(url_for("questions.editor", _anchor=f"question-{question.id}"))


@bp.post("/organise/questions/<int:question_id>/delete")
@organiser
def delete_question(question_id: int) -> Response:
    services.delete_question(_question_or_404(question_id))  # QuestionError: flashed
    flash(_("The question is deleted."), "success")
    return redirect(url_for("questions.editor"))


@bp.post("/organise/questions/order")
@organiser
def save_order() -> Response:
    form = OrderForm()
    if form.validate_on_submit():
        layout.reorder(
            current_event(),
            form.positions(request.form, "section-"),
            form.positions(request.form, "question-"),
        )
        flash(_("The order is saved."), "success")
    return redirect(url_for("questions.editor"))


@bp.route("/organise/questions/preview", methods=["GET", "POST"])
@organiser
def preview() -> str:
    """The questions as a delegate sees them, in either language; nothing is saved."""
    event = current_event()
    language = request.args.get("lang", reader_language())
    if language not in LANGUAGES:
        language = LANGUAGES[0]
    category = request.values.get("requested_category", BadgeCategory.DELEGATE.value)
    if category not in {c.value for c in REQUESTABLE_CATEGORIES}:
        category = BadgeCategory.DELEGATE.value
    questions = queries.questions_of(event)
    with force_locale(BABEL_LOCALES[language]):
        form = build_answers_form(
            questions, language, category, places_left=places.places_left(questions)
        )
        checked = request.method == "POST" and form.validate()
        fields = Markup(
            render_template("questions/_answer_fields.html", answers_form=form, language=language)
        )
        categories = [(c.value, c.label) for c in REQUESTABLE_CATEGORIES]
    return render_template(
        "questions/preview.html",
        event=event,
        language=language,
        category=category,
        categories=categories,
        fields=fields,
        checked=checked,
        submitted=request.method == "POST",
        has_questions=bool(form.questions),
    )


def _save_question(
    form: QuestionForm, sections: list[Section], save: Callable[..., Question]
) -> Question | None:
    """Hand the form's question to `save` (services.create_question or update_question, its
    first argument bound); a QuestionError is shown on the form, its work rolled back."""
    try:
        return save(
            _chosen_section(sections, form.section.data),
            form.chosen_kind,
            form.question_fields(),
            form.choice_rows(),
            form.chosen_condition(),
        )
    except QuestionError as error:
        db.session.rollback()
        form.form_errors.extend(error.messages)
        return None


def _question_page(form: QuestionForm, question: Question | None) -> str:
    return render_template(
        "questions/question_form.html",
        form=form,
        question=question,
        kinds=QuestionKind,
        answered=question is not None and services.has_answers(question),
        held=places.taken(c.id for c in question.choices) if question is not None else {},
    )


def _fill_choices(form: QuestionForm, question: Question) -> None:
    while len(form.choices):
        form.choices.pop_entry()
    for choice in question.choices:
        form.choices.append_entry(
            {
                "id": str(choice.id),
                "label": choice.label,
                "label_uk": choice.label_uk,
                "places": choice.places,
                "retired": choice.is_retired,
            }
        )
    form.add_blank_choices()


def _chosen_section(sections: list[Section], section_id: int) -> Section:
    return next(s for s in sections if s.id == section_id)


def _section_or_404(section_id: int) -> Section:
    section = db.session.get(Section, section_id)
    if section is None or section.event_id != current_event().id:
        abort(404)
    return section


def _question_or_404(question_id: int) -> Question:
    question = queries.question_of(current_event(), question_id)
    if question is None:
        abort(404)
    return question
