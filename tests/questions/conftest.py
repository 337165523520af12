"""The realistic set of questions (forum/questions/demo.py) on a test event, and helpers."""

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from forum.extensions import db
from forum.questions.answer_models import Answer
from forum.questions.demo import add_demo_questions
from forum.questions.queries import answers_of


@pytest.fixture
def questions(event):
    """The demo forum's questions (interpretation, b2b, b2b_topics, site_visit, photo_consent,
    arrival, departure, press_card, editor_letter), committed."""
    found = add_demo_questions(event)
    db.session.commit()
    return found


def choice(question, label: str) -> str:
    """The form value of a question's choice, by its English label."""
    return next(str(c.id) for c in question.choices if c.label == label)


def answer_fields(questions: dict, **values) -> dict:
    """Form data for the demo questions by name: interpretation='French', b2b='yes', ...
    (choices by their English labels, one or a list)."""
    data = {}
    for name, value in values.items():
        question = questions[name]
        if question.has_choices:
            labels = value if isinstance(value, list) else [value]
            data[f"q{question.id}"] = [choice(question, label) for label in labels]
        else:
            data[f"q{question.id}"] = value
    return data


def answers_by_name(registration_id: int, questions: dict) -> dict[str, Answer]:
    db.session.rollback()  # see what the server committed
    stored = answers_of(registration_id)
    return {name: stored[q.id] for name, q in questions.items() if q.id in stored}


def answer_count() -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Answer))


def pdf_bytes(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + extra
        + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def png_bytes(size=(600, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (250, 250, 240)).save(out, "PNG")
    return out.getvalue()
