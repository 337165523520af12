"""The officers' list and exports with 10,000 registrations × 20 questions answered.

The same 10,000 registrations as bench_registration.py, measured twice in one run:
first without questions (the baseline), then with the demo forum's questions and 11
more (20 in all, every kind but the file) answered by every registration (200,000
answers). Prints the median and p95 of the officers' list page (the six query shapes
of bench_registration.py, then the same with an answer filter) and the time of CSV
and XLSX exports of all rows, answers as one column per question. On SQLite and, when
FORUM_BENCH_DATABASE_URL or FORUM_TEST_DATABASE_URL is set (make bench runs it under
.ci/with-postgres), on PostgreSQL.

    .venv/bin/python bench/bench_questions.py [--rows 10000]
"""

import argparse
import os
import random
import statistics
import time
from datetime import timedelta

import sqlalchemy as sa
from bench_registration import QUERIES, fill
from common import add_event, cpu_timed, drop_tables, each_database, fresh_app, median_p95

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.events.models import Event
from forum.extensions import db
from forum.questions import services
from forum.questions.answer_models import Answer, answer_choices
from forum.questions.demo import add_demo_questions
from forum.questions.models import ChoiceDisplay, Question, QuestionKind
from forum.questions.services import ChoiceData
from forum.registration.models import Registration

QUESTIONS = 20


def add_questions(event: Event) -> list[Question]:
    """The demo's 9 questions and 11 more: 20, of every kind but the file."""
    questions = list(add_demo_questions(event).values())
    section = questions[0].section
    more = [
        (QuestionKind.SHORT_TEXT, "Passport number", {}),
        (QuestionKind.SHORT_TEXT, "Flight number", {}),
        (QuestionKind.SHORT_TEXT, "Hotel", {}),
        (QuestionKind.LONG_TEXT, "Anything the organisers should know?", {}),
        (QuestionKind.NUMBER, "People travelling with you", {"min_number": 0, "max_number": 20}),
        (QuestionKind.NUMBER, "Nights in Brussels", {"min_number": 0, "max_number": 14}),
        (QuestionKind.COUNTRY, "Country you travel from", {}),
        (QuestionKind.YES_NO, "Do you need a visa letter?", {}),
        (QuestionKind.SINGLE_CHOICE, "Lunch", {"display": ChoiceDisplay.LIST}),
        (QuestionKind.SINGLE_CHOICE, "T-shirt size", {"display": ChoiceDisplay.LIST}),
        (QuestionKind.MULTIPLE_CHOICE, "Side events", {}),
    ]
    options = [ChoiceData(None, f"Option {n}", f"Варіант {n}") for n in range(1, 7)]
    for kind, label, rules in more:
        choices = (
            options if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE) else ()
        )
        questions.append(
            services.create_question(event, section, kind, {"label": label, **rules}, choices)
        )
    db.session.commit()
    assert len(questions) == QUESTIONS
    return questions


def answer_all(event: Event, questions: list[Question]) -> int:
    """Every registration answers every question, written in bulk (no per-row ORM work)."""
    rng = random.Random(19)
    ids = list(
        db.session.scalars(sa.select(Registration.id).where(Registration.event_id == event.id))
    )
    answers, chosen = [], []
    next_id = 1
    for registration_id in ids:
        for question in questions:
            row = {"id": next_id, "registration_id": registration_id, "question_id": question.id}
            kind = question.kind
            if question.has_choices:
                live = [c.id for c in question.choices if c.places is None]
                count = 1 if kind is QuestionKind.SINGLE_CHOICE else rng.randint(1, 3)
                chosen += [{"answer_id": next_id, "choice_id": c} for c in rng.sample(live, count)]
            elif kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
                row["flag"] = True if kind is QuestionKind.CONSENT else rng.random() < 0.5
                row["consent_version"] = question.consent_version
            elif kind is QuestionKind.NUMBER:
                row["number"] = rng.randint(0, 9)
            elif kind is QuestionKind.DATE:
                row["date_value"] = event.starts_on - timedelta(days=rng.randint(0, 3))
            elif kind is QuestionKind.COUNTRY:
                row["text"] = rng.choice(["BE", "UA", "PL", "FR", "DE"])
            elif kind is QuestionKind.FILE:
                continue
            else:
                row["text"] = f"Answer {rng.randint(1, 10**6)} to “{question.label[:20]}”"
            answers.append(row)
            next_id += 1
    defaults = {"text": "", "number": None, "date_value": None, "flag": None, "consent_version": ""}
    for start in range(0, len(answers), 5000):
        db.session.execute(
            sa.insert(Answer), [{**defaults, **row} for row in answers[start : start + 5000]]
        )
    for start in range(0, len(chosen), 5000):
        db.session.execute(sa.insert(answer_choices), chosen[start : start + 5000])
    db.session.commit()
    analyze()
    return len(answers)


def analyze() -> None:
    """PostgreSQL: statistics of the freshly loaded tables, as autovacuum keeps them in a
    running forum (without them the first plans are a fresh table's, not the forum's)."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("ANALYZE")


def list_pages(client, queries: list[str], label: str) -> None:
    walls, cpus = [], []
    for query in queries:
        assert client.get(query).status_code == 200
        wall, cpu = cpu_timed(lambda q=query: client.get(q), 15)
        walls += wall
        cpus += cpu
    print(f"  {label} ({len(walls)} requests): {median_p95(walls)}; CPU {median_p95(cpus)}")


def measure(client, queries: list[str], label: str, rows: int) -> None:
    list_pages(client, queries, f"{label}: list page")
    for fmt in ("csv", "xlsx"):
        url = f"/accreditation/export.{fmt}?state=all"
        walls, cpus = cpu_timed(lambda u=url: client.get(u), 3)
        body = client.get(url).data
        print(
            f"  {label}: export {fmt.upper()} of {rows} rows: median "
            f"{statistics.median(walls) / 1000:.2f} s, CPU {statistics.median(cpus) / 1000:.2f} s"
            f" ({len(body) / 1e6:.1f} MB)"
        )


def run(url: str, rows: int) -> None:
    app = fresh_app(url)
    with app.app_context():
        event = add_event(delegate_capacity=rows)
        create_user("officer@bench.example", "bench password 123", Role.OFFICER)
        fill(event, rows)
        analyze()
    client = app.test_client()
    client.post(
        "/sign-in", data={"email": "officer@bench.example", "password": "bench password 123"}
    )
    measure(client, QUERIES, "no questions", rows)

    with app.app_context():
        event = db.session.scalar(sa.select(Event))
        questions = add_questions(event)
        start = time.perf_counter()
        count = answer_all(event, questions)
        print(f"  inserted {count} answers in {time.perf_counter() - start:.1f} s")
        lunch = next(q for q in questions if q.label == "Lunch")
        # The same six query shapes, each narrowed to one answer (a sixth of the delegates).
        answer = f"answer=c{lunch.choices[0].id}"
        filters = [f"{query}{'&' if '?' in query else '?'}{answer}" for query in QUERIES]
    measure(client, QUERIES, f"{QUESTIONS} questions answered", rows)
    list_pages(client, filters, "list page filtered by an answer")
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Registration list and exports with {QUESTIONS} questions, {os.cpu_count()} cores")
    for url in each_database():
        run(url, args.rows)


if __name__ == "__main__":
    main()
