"""The organisers' own questions on the registration form, and the delegates' answers."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.main.navigation import add_nav_entry

bp = Blueprint("questions", __name__)

add_nav_entry("questions.editor", _l("Registration form"), Role.ORGANISER)


from forum.questions import display, file_views, views  # noqa: E402, F401  (routes register)

bp.add_app_template_filter(display.category_label, "category_label")
# A text organisers wrote, in the language of the form being shown (the preview's may differ
# from the page's): `question|localized_in("label", lang)`.
bp.add_app_template_filter(
    lambda obj, field, language: obj.localized(field, language), "localized_in"
)
bp.add_app_template_filter(
    lambda question: display.condition_answer(question, reader_language()), "condition_answer"
)
