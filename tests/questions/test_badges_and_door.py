"""One chosen answer printed on badges as a small line, and shown on the door's green screen."""

import io
import re
import subprocess
import uuid
from dataclasses import replace

import pytest
import sqlalchemy as sa
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from forum.auth.models import Role
from forum.badges import design
from forum.badges.design import A6, BOLD, ID1, BadgeFace, register_fonts
from forum.badges.services import (
    BadgeFilter,
    count_printable,
    mark_printed,
    printable_ids,
    write_badges,
)
from forum.badges.tokens import issue_token, token_digest
from forum.extensions import db
from forum.questions import services
from forum.questions.answers import save_answers
from forum.questions.badges import door_answers
from forum.questions.models import QuestionKind
from forum.questions.queries import questions_of
from forum.registration.models import RegistrationState
from tests import factories
from tests.badges.conftest import pdf_text


def with_interpretation(event, questions, label="French", **fields):
    fields.setdefault("state", RegistrationState.PENDING)
    registration = factories.create_registration(event, **fields)
    chosen = [c.id for c in questions["interpretation"].choices if c.label == label]
    save_answers(
        registration,
        questions_of(event),
        {questions["interpretation"].id: chosen},
        category="delegate",
    )
    registration.state = RegistrationState.APPROVED
    db.session.commit()
    return registration


def test_the_badge_prints_the_chosen_answer(event, questions, tmp_path):
    registration = with_interpretation(event, questions)
    other = factories.create_registration(event, state=RegistrationState.APPROVED)
    for layout in ("a6", "id1"):
        out = io.BytesIO()
        write_badges(event, [registration, other], out, layout)
        text = pdf_text(out.getvalue(), tmp_path)
        assert text.count("Interpretation: French") == 1, text  # not on the unanswered badge


def test_no_line_when_no_question_is_on_the_badge(event, questions, tmp_path):
    registration = with_interpretation(event, questions)
    interpretation = questions["interpretation"]
    services.update_question(
        interpretation,
        interpretation.section,
        interpretation.kind,
        {"on_badge": False},
        [services.ChoiceData(c.id, c.label, c.label_uk) for c in interpretation.choices],
    )
    db.session.commit()
    out = io.BytesIO()
    write_badges(event, [registration], out, "a6")
    assert "Interpretation" not in pdf_text(out.getvalue(), tmp_path)


class RecordingCanvas(Canvas):
    """A canvas that remembers every line of text it draws: (text, x, baseline, size)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lines = []

    def drawString(self, x, y, text, *args, **kwargs):  # noqa: N802 (reportlab's name)
        self.lines.append((text, x, y, self._fontsize))
        return super().drawString(x, y, text, *args, **kwargs)

    def drawCentredString(self, x, y, text, *args, **kwargs):  # noqa: N802
        width = stringWidth(text, self._fontname, self._fontsize)
        self.lines.append((text, x - width / 2, y, self._fontsize))
        return super().drawCentredString(x, y, text, *args, **kwargs)


def face(photo: bool) -> BadgeFace:
    return BadgeFace(
        name="Dr Олександра-Вікторія Ковальчук-Григоренко-Шевченко Іванівна",
        passport_name="Oleksandra-Viktoriia Kovalchuk-Hryhorenko-Shevchenko Ivanivna",
        organisation="Державне підприємство «Укроборонпром», Департамент міжнародного "
        "співробітництва та спільних підприємств",
        country="United Kingdom of Great Britain and Northern Ireland",
        category_label="Delegate",
        category_label_uk="Делегат",
        colour="#1f4e9c",
        token="x" * 40,
        event_name="EU-Ukraine Defence Industry Forum",
        event_name_uk="Форум оборонної промисловості ЄС – Україна",
        event_when="6 May 2024 · Brussels",
        photo=design_photo() if photo else None,
        answer_line="Interpretation: Joint ventures and investment; Electronic warfare; Drones",
    )


def design_photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 400), (120, 120, 120)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("badge", [A6, ID1], ids=["a6", "id1"])
@pytest.mark.parametrize("photo", [False, True], ids=["no-photo", "photo"])
def test_the_answer_line_keeps_clear_of_the_text_the_code_and_the_band(badge, photo):
    """The longest texts a badge holds: the answer line still fits between them and the QR
    code (A6) or the colour band (ID-1), on one line, inside the badge."""
    register_fonts()
    canvas = RecordingCanvas(io.BytesIO(), pagesize=(badge.width, badge.height))
    badge.draw(canvas, face(photo))
    [answer] = [line for line in canvas.lines if line[0].startswith("Interpretation")]
    text, x, baseline, size = answer
    others = [line for line in canvas.lines if line is not answer and line[2] < badge.height * 0.8]
    lowest_text = min(y - 0.25 * s for _t, _x, y, s in others if y > baseline)
    assert baseline + 0.8 * size <= lowest_text, (answer, lowest_text)
    assert 0 <= x and x + stringWidth(text, BOLD, size) <= badge.width + 1e-6
    if badge is A6:
        qr_top = design.A6_MARGIN + design.A6_BAND + 5.5 * mm + design.A6_QR
        assert baseline - 0.25 * size >= qr_top
    else:
        band_top = design.ID1_MARGIN + design.ID1_BAND
        qr_left = badge.width - design.ID1_MARGIN - design.ID1_QR
        assert baseline - 0.25 * size >= band_top
        assert x + stringWidth(text, BOLD, size) <= qr_left
    assert size >= design.ANSWER_SIZES[badge.key][1]
    assert replace(face(photo), answer_line="").answer_line == ""


def test_the_green_screen_shows_the_chosen_answer_in_the_scanners_language(
    client, auth, event, questions
):
    registration = with_interpretation(event, questions, given_name="Ludivine")
    entrance = factories.create_checkpoint(event, name="Venue entrance")
    staff = factories.create_user(Role.STAFF)
    staff.checkpoints.append(entrance)
    db.session.commit()
    auth.sign_in(staff.email)

    def scan(direction="in"):
        body = {
            "code": issue_token(registration),
            "checkpoint": entrance.id,
            "direction": direction,
            "nonce": uuid.uuid4().hex,
        }
        return client.post("/api/v1/scans", json=body).get_json()

    answer = scan()
    assert answer["colour"] == "green"
    assert answer["delegate"]["answer"] == {"label": "Interpretation", "text": "French"}
    assert scan()["delegate"]["answer"] is None  # amber: already inside
    assert scan("out")["delegate"]["answer"] is None  # an exit
    client.get("/language/uk")
    answer = scan()
    assert answer["delegate"]["answer"] == {"label": "Переклад", "text": "Французька"}


def test_a_question_without_an_answer_shows_nothing_at_the_door(client, auth, event, questions):
    registration = factories.create_registration(event, state=RegistrationState.APPROVED)
    notes = services.create_question(
        event,
        questions["interpretation"].section,
        QuestionKind.SHORT_TEXT,
        {"label": "Dietary wish", "at_door": True},
    )
    db.session.commit()
    assert not questions["interpretation"].at_door  # one question at the door per event
    assert notes.at_door
    auth.as_role(Role.ORGANISER)
    entrance = factories.create_checkpoint(event)
    db.session.commit()
    body = {
        "code": issue_token(registration),
        "checkpoint": entrance.id,
        "direction": "in",
        "nonce": uuid.uuid4().hex,
    }
    answer = client.post("/api/v1/scans", json=body).get_json()
    assert answer["colour"] == "green" and answer["delegate"]["answer"] is None


@pytest.mark.parametrize("badge", [A6, ID1], ids=["a6", "id1"])
def test_the_printed_answer_line_stays_on_the_badge(badge, tmp_path):
    """Read back from the PDF (pdftotext -bbox): the letter spacing of the country line above
    must not widen the answer line past the badge's edge."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(badge.width, badge.height))
    badge.draw(canvas, face(photo=True))
    canvas.showPage()
    canvas.save()
    source = tmp_path / "badge.pdf"
    source.write_bytes(out.getvalue())
    html = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html
    )
    answer_words = [(float(a), float(b)) for a, b, word in words if word in ("Interpretation:",)]
    assert answer_words, html
    assert all(0 <= float(a) and float(b) <= badge.width + 0.5 for a, b, _w in words), words


def test_the_offline_list_carries_the_chosen_answer_in_the_scanners_language(
    client, auth, event, questions
):
    answered = with_interpretation(event, questions, label="German")
    silent = factories.create_registration(event, state=RegistrationState.APPROVED)
    entrance = factories.create_checkpoint(event, name="Venue entrance")
    db.session.commit()
    auth.as_role(Role.ORGANISER)

    def listed(registration):
        badges = client.get(f"/api/v1/checkpoints/{entrance.id}/offline-list").get_json()
        return badges["badges"][token_digest(issue_token(registration))]

    assert listed(answered)["answer"] == {"label": "Interpretation", "text": "German"}
    assert listed(silent)["answer"] is None
    client.get("/language/uk")
    assert listed(answered)["answer"] == {"label": "Переклад", "text": "Німецька"}


def test_the_offline_answers_take_the_same_statements_however_many(event, questions):
    for label in ("French", "German", "English"):
        with_interpretation(event, questions, label=label)
    event_id = event.id  # loaded before counting
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        answers = door_answers(event_id, "en")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert sorted(a["text"] for a in answers.values()) == ["English", "French", "German"]
    # the question with its choices, the answers with their choices
    assert len([s for s in sent if s.lstrip().upper().startswith("SELECT")]) <= 4


def printed_and_changed(event) -> tuple[int, list[int]]:
    changed = BadgeFilter(changed=True)
    return count_printable(event, changed), printable_ids(event, changed)


def test_switching_the_question_on_the_badge_marks_printed_badges_changed(
    client, auth, event, questions
):
    printed = with_interpretation(event, questions, given_name="Ludivine")
    never_printed = with_interpretation(event, questions, given_name="Josep")
    mark_printed([printed.id], "a6")
    db.session.commit()
    version, token = printed.badge_version, issue_token(printed)
    assert printed_and_changed(event) == (0, [])

    # An unrelated question changes: the badges still say what they should.
    arrival = questions["arrival"]
    services.update_question(arrival, arrival.section, arrival.kind, {"label": "Arriving on"})
    db.session.commit()
    assert printed_and_changed(event) == (0, [])

    b2b = questions["b2b"]
    services.update_question(b2b, b2b.section, b2b.kind, {"on_badge": True})
    db.session.commit()
    assert printed_and_changed(event) == (1, [printed.id])
    assert never_printed.id not in printable_ids(event, BadgeFilter(changed=True))
    db.session.refresh(printed)
    assert printed.badge_version == version and issue_token(printed) == token  # still opens doors

    auth.as_role(Role.ORGANISER)
    page = client.get("/badges/?status=changed").get_data(as_text=True)
    assert "Badge line changed since printed" in page and "Ludivine" in page
    client.get("/language/uk")
    page = client.get("/badges/?status=changed").get_data(as_text=True)
    assert "Рядок відповіді змінився після друку" in page

    mark_printed([printed.id], "a6")  # reprinted: up to date again
    db.session.commit()
    assert printed_and_changed(event) == (0, [])


def test_renaming_or_retiring_the_badge_question_marks_printed_badges_changed(event, questions):
    printed = with_interpretation(event, questions)
    interpretation = questions["interpretation"]
    mark_printed([printed.id], "a6")
    db.session.commit()
    services.update_question(
        interpretation,
        interpretation.section,
        interpretation.kind,
        {"short_label": "Headsets"},
        [services.ChoiceData(c.id, c.label, c.label_uk) for c in interpretation.choices],
    )
    db.session.commit()
    assert printed_and_changed(event) == (1, [printed.id])
    mark_printed([printed.id], "a6")
    db.session.commit()
    services.retire_question(interpretation)
    db.session.commit()
    assert printed_and_changed(event) == (1, [printed.id])
