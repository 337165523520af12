"""A delegate's answers in their copy of their data (GDPR art. 15 and 20, forum/privacy/export.py).

Each answer with its question in both languages, the value as stored and as read,
the consent version agreed to, and an uploaded file in full (base64), as the
photo is. Erasure and the retention purge delete the answers
(forum.questions.answers.erase_answers).
"""

import base64

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.extensions import db
from forum.questions.answer_models import Answer, AnswerFile
from forum.questions.answers import stored_values
from forum.questions.display import AnswerWords
from forum.questions.models import Question


def answers_export(registration) -> list[dict]:
    """The registration's answers, JSON-ready, in the order of the form."""
    answers = db.session.scalars(
        sa.select(Answer)
        .join(Question, Question.id == Answer.question_id)
        .where(Answer.registration_id == registration.id)
        .order_by(Question.section_id, Question.position, Question.id)
        .options(
            so.selectinload(Answer.chosen),
            so.selectinload(Answer.file).undefer(AnswerFile.data),
            so.joinedload(Answer.question).selectinload(Question.choices),
        )
    )
    words = AnswerWords(registration.locale, iso_dates=True)
    exported = []
    for answer in answers:
        question = answer.question
        value = stored_values(question, answer)
        exported.append(
            {
                "question": question.label,
                "question_uk": question.label_uk,
                "type": question.kind.value,
                "answer": words.answer(question, answer),
                "value": value.isoformat() if hasattr(value, "isoformat") else value,
                "consent_version": answer.consent_version or None,
                "answered_at": answer.created_at.isoformat(),
                "changed_at": answer.updated_at.isoformat(),
                "file": _file(answer.file),
            }
        )
    return exported


def _file(file: AnswerFile | None) -> dict | None:
    if file is None:
        return None
    return {
        "filename": file.filename,
        "content_type": file.content_type,
        "size": file.size,
        "data_base64": base64.b64encode(file.data).decode("ascii"),
    }
