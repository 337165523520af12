"""Titles and greetings in the reader's language (forum/registration/titles.py)."""

from flask_babel import force_locale

from forum.registration.decisions import approve
from forum.registration.titles import TITLES, title_choices
from tests import factories


def test_titles_are_stored_in_english_and_shown_in_ukrainian(app):
    with app.test_request_context(), force_locale("uk"):
        labels = {value: str(label) for value, label in title_choices()}
    assert list(labels) == list(TITLES)  # the stored values do not change with the language
    assert labels["Mr"] == "пан" and labels["Ms"] == "пані"
    assert labels["H.E."] == "Його/Її Високоповажність"
    assert (labels["Dr"], labels["Prof."], labels["Gen."], labels["Col."]) == (
        "д-р",
        "проф.",
        "ген.",
        "полк.",
    )


def test_ukrainian_approval_mail_greets_by_name_without_a_title(event, mailbox):
    registration = factories.create_registration(
        event, title="Ms", given_name="Ірина", family_name="Зінчук", locale="uk"
    )
    approve(registration, actor=None)
    (message,) = mailbox.to(registration.email)
    body = mailbox.body(message)
    assert body.startswith("Доброго дня, Ірина Зінчук!\n")
    assert "Ms" not in body and "пані" not in body and "Шановн" not in body


def test_english_approval_mail_keeps_dear_and_the_title(event, mailbox):
    registration = factories.create_registration(
        event, title="Dr", given_name="Olena", family_name="Kovalenko", locale="en"
    )
    approve(registration, actor=None)
    (message,) = mailbox.to(registration.email)
    assert mailbox.body(message).startswith("Dear Dr Olena Kovalenko,\n")
