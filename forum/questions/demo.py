"""The demo forum's questions (and the benchmarks' and tests' realistic set), and demo answers.

What a real forum asks besides the fixed form: the interpretation language
(printed on the badge and shown at the door, where headsets are handed out),
interest in the B2B afternoon and, only then, its topics, the site visit with
40 places, consent to photographs, arrival and departure dates for the hotel
block, and for the press alone their press card number and their editor's letter.
"""

import random
from datetime import date, timedelta

from forum.events.models import Event
from forum.extensions import db
from forum.questions import layout, services
from forum.questions.answer_models import Answer
from forum.questions.models import ChoiceDisplay, Question, QuestionKind
from forum.questions.services import ChoiceData
from forum.registration.models import BadgeCategory, Registration

SITE_VISIT_PLACES = 40
PHOTO_CONSENT_VERSION = "2024-05"
LANGUAGES = [
    ("English", "Англійська"),
    ("Ukrainian", "Українська"),
    ("French", "Французька"),
    ("German", "Німецька"),
]
B2B_TOPICS = [
    ("Air and missile defence", "Протиповітряна та протиракетна оборона"),
    ("Drones and munitions", "Дрони та боєприпаси"),
    ("Electronic warfare", "Радіоелектронна боротьба"),
    ("Armoured vehicles and maintenance", "Бронетехніка та її обслуговування"),
    ("Joint ventures and investment", "Спільні підприємства та інвестиції"),
]


def _fields(label, label_uk, short="", short_uk="", help="", help_uk="", **rules) -> dict:
    return {
        "label": label,
        "label_uk": label_uk,
        "short_label": short,
        "short_label_uk": short_uk,
        "help": help,
        "help_uk": help_uk,
        **rules,
    }


def add_demo_questions(event: Event) -> dict[str, Question]:
    """The realistic set of questions, by a short name ("interpretation", "site_visit"...)."""
    forum = layout.create_section(event, "At the forum", "Під час форуму")
    travel = layout.create_section(event, "Travel and hotel", "Поїздка та готель")
    press = layout.create_section(event, "For the press", "Для преси")
    day = event.starts_on
    q = {}
    q["interpretation"] = services.create_question(
        event,
        forum,
        QuestionKind.SINGLE_CHOICE,
        _fields(
            "Which interpretation would you like to hear in the plenary?",
            "Який синхронний переклад ви хочете слухати на пленарному засіданні?",
            "Interpretation",
            "Переклад",
            "We hand out the headsets at the entrance.",
            "Навушники видаємо на вході.",
            required=True,
            editable_after_approval=True,
            on_badge=True,
            at_door=True,
        ),
        [ChoiceData(None, en, uk) for en, uk in LANGUAGES],
    )
    q["b2b"] = services.create_question(
        event,
        forum,
        QuestionKind.YES_NO,
        _fields(
            "Would you like to take part in the B2B matchmaking afternoon?",
            "Чи бажаєте ви взяти участь у післяобідніх B2B-зустрічах?",
            "B2B afternoon",
            "B2B-зустрічі",
            "European and Ukrainian companies meet at tables of two, 20 minutes each.",
            "Європейські та українські компанії зустрічаються за столами вдвох, по 20 хвилин.",
            required=True,
            editable_after_approval=True,
        ),
    )
    q["b2b_topics"] = services.create_question(
        event,
        forum,
        QuestionKind.MULTIPLE_CHOICE,
        _fields(
            "Which topics would you like to discuss in B2B meetings?",
            "Які теми ви хотіли б обговорити на B2B-зустрічах?",
            "B2B topics",
            "Теми B2B",
            required=True,
            editable_after_approval=True,
        ),
        [ChoiceData(None, en, uk) for en, uk in B2B_TOPICS],
        condition=(q["b2b"].id, "yes"),
    )
    q["site_visit"] = services.create_question(
        event,
        forum,
        QuestionKind.SINGLE_CHOICE,
        _fields(
            "Would you like to join the site visit to a munitions plant on "
            f"{(day + timedelta(days=1)).day} {(day + timedelta(days=1)).strftime('%B')}?",
            "Чи бажаєте ви долучитися до візиту на завод боєприпасів наступного дня після форуму?",
            "Site visit",
            "Візит на завод",
            f"A coach leaves the venue at 8:00. {SITE_VISIT_PLACES} places, given in order of "
            "registration; security checks apply.",
            f"Автобус вирушає від місця проведення о 8:00. {SITE_VISIT_PLACES} місць у порядку "
            "реєстрації; діє перевірка безпеки.",
            needs_review=True,
            display=ChoiceDisplay.RADIO,
        ),
        [
            ChoiceData(None, "Yes, I will join", "Так, я долучуся", places=SITE_VISIT_PLACES),
            ChoiceData(None, "No, thank you", "Ні, дякую"),
        ],
    )
    q["photo_consent"] = services.create_question(
        event,
        forum,
        QuestionKind.CONSENT,
        _fields(
            "I agree that the organisers publish photographs and films of the forum in which "
            "I may appear.",
            "Я погоджуюся, що організатори публікують фото- та відеозйомку форуму, на якій "
            "я можу бути.",
            "Photo consent",
            "Згода на зйомку",
            consent_version=PHOTO_CONSENT_VERSION,
            editable_after_approval=True,
        ),
    )
    q["arrival"] = services.create_question(
        event,
        travel,
        QuestionKind.DATE,
        _fields(
            "Arrival date in Brussels",
            "Дата прибуття до Брюсселя",
            "Arrival",
            "Прибуття",
            "For the hotel block at the forum's rate.",
            "Для бронювання готелю за тарифом форуму.",
            min_date=day - timedelta(days=7),
            max_date=day,
            editable_after_approval=True,
        ),
    )
    q["departure"] = services.create_question(
        event,
        travel,
        QuestionKind.DATE,
        _fields(
            "Departure date",
            "Дата відʼїзду",
            "Departure",
            "Відʼїзд",
            min_date=day,
            max_date=day + timedelta(days=7),
            editable_after_approval=True,
        ),
    )
    q["press_card"] = services.create_question(
        event,
        press,
        QuestionKind.SHORT_TEXT,
        _fields(
            "Press card number",
            "Номер посвідчення журналіста",
            "Press card",
            "Посвідчення",
            "As printed on your national or international press card.",
            "Як надруковано на вашому національному чи міжнародному посвідченні.",
            required=True,
            max_length=40,
            categories=[BadgeCategory.PRESS.value],
            needs_review=True,
        ),
    )
    q["editor_letter"] = services.create_question(
        event,
        press,
        QuestionKind.FILE,
        _fields(
            "Letter from your editor confirming the assignment",
            "Лист від вашого редактора, що підтверджує завдання",
            "Editor's letter",
            "Лист редактора",
            categories=[BadgeCategory.PRESS.value],
        ),
    )
    return q


def add_demo_answers(
    registrations: list[Registration], questions: dict[str, Question], rng: random.Random
) -> int:
    """Plausible answers for the demo delegates (the site visit within its places); returns
    how many answers were added. Written directly: the demo's delegates registered before."""
    answers = []
    visit_yes, visit_no = questions["site_visit"].choices
    visitors = 0
    languages = questions["interpretation"].choices
    topics = questions["b2b_topics"].choices
    day: date = registrations[0].event.starts_on if registrations else date.today()
    for registration in registrations:
        ask = {
            "interpretation": [rng.choices(languages, weights=[45, 25, 18, 12])[0]],
            "b2b": rng.random() < 0.55,
            "arrival": day - timedelta(days=rng.choice([0, 1, 1, 2])),
        }
        if rng.random() < 0.8:
            ask["photo_consent"] = True
        if ask["b2b"]:
            ask["b2b_topics"] = rng.sample(topics, rng.randint(1, 3))
        if rng.random() < 0.5:
            wants = rng.random() < 0.35 and visitors < SITE_VISIT_PLACES
            visitors += wants
            ask["site_visit"] = [visit_yes if wants else visit_no]
        if registration.requested_category is BadgeCategory.PRESS:
            ask["press_card"] = f"{registration.country}-{rng.randint(10000, 99999)}"
        for name, value in ask.items():
            answers.append(_answer(registration, questions[name], value))
    db.session.add_all(answers)
    db.session.flush()
    return len(answers)


def _answer(registration: Registration, question: Question, value) -> Answer:
    answer = Answer(registration_id=registration.id, question_id=question.id)
    if isinstance(value, list):
        answer.chosen = value
    elif isinstance(value, bool):
        answer.flag = value
        if question.kind is QuestionKind.CONSENT:
            answer.consent_version = question.consent_version
    elif isinstance(value, date):
        answer.date_value = value
    else:
        answer.text = value
    return answer
